import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { authenticatePassword, linkedUserId, userForExternalIdentity } from "../accounts/users";
import { isWebSessionRevoked, newSessionClaims, revokeWebSession, type SessionClaims } from "../accounts/web-sign-out";
import { db } from "../db";
import { config } from "../config";
import { safeCallbackUrl } from "./callback-url";
import { log } from "../log";

/**
 * next-auth (v4) for the web app: JWT sessions; e-mail + password always; GitHub, Google and
 * one OpenID Connect provider when their variables are set:
 *
 *   GITHUB_ID, GITHUB_SECRET            callback <PUBLIC_URL>/api/auth/callback/github
 *   GOOGLE_ID, GOOGLE_SECRET            callback <PUBLIC_URL>/api/auth/callback/google
 *   OIDC_ISSUER, OIDC_CLIENT_ID,        callback <PUBLIC_URL>/api/auth/callback/oidc
 *   OIDC_CLIENT_SECRET, OIDC_NAME       (the issuer must serve /.well-known/openid-configuration)
 *
 * The JWT's `sub` is always our User.id (lib/auth/web-session.ts reads it back for the API).
 */
export const SESSION_MAX_AGE_SEC = 30 * 24 * 3600;

type OAuthProfile = Record<string, unknown> & { sub?: string; email?: string | null; email_verified?: boolean; name?: string };

/** A generic OpenID Connect provider, as next-auth documents a custom OAuth provider. */
function oidcProvider(o: { issuer: string; clientId: string; clientSecret: string; name: string }): OAuthConfig<OAuthProfile> {
  return {
    id: "oidc",
    name: o.name,
    type: "oauth",
    wellKnown: `${o.issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    profile: (p) => ({ id: String(p.sub), name: (p.name as string) ?? (p.preferred_username as string) ?? null, email: p.email ?? null }),
  };
}

/** GitHub as next-auth ships it, but only a verified primary e-mail counts. */
function githubProvider(o: { clientId: string; clientSecret: string }) {
  const base = GitHubProvider({ clientId: o.clientId, clientSecret: o.clientSecret });
  return {
    ...base,
    userinfo: {
      url: "https://api.github.com/user",
      async request({ client, tokens }: { client: { userinfo: (t: string) => Promise<OAuthProfile> }; tokens: { access_token?: string } }) {
        const profile = await client.userinfo(tokens.access_token!);
        const res = await fetch("https://api.github.com/user/emails", {
          headers: { Authorization: `token ${tokens.access_token}`, "User-Agent": "loop-server" },
        });
        const emails = res.ok ? ((await res.json()) as { email: string; primary: boolean; verified: boolean }[]) : [];
        const primary = emails.find((e) => e.primary && e.verified);
        return { ...profile, email: primary?.email ?? null, email_verified: !!primary };
      },
    },
  } as typeof base;
}

/** The providers switched on by the environment (the sign-in page shows their buttons). */
export function enabledOAuthProviders(): { id: string; name: string }[] {
  const o = config().oauth;
  return [
    o.github && { id: "github", name: "GitHub" },
    o.google && { id: "google", name: "Google" },
    o.oidc && { id: "oidc", name: o.oidc.name },
  ].filter((p): p is { id: string; name: string } => !!p);
}

let options: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (options) return options;
  const c = config();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, req) => authenticatePassword(credentials?.email, credentials?.password, req.headers ?? {}),
    }),
  ];
  if (c.oauth.github) providers.push(githubProvider(c.oauth.github));
  if (c.oauth.google) providers.push(GoogleProvider({ clientId: c.oauth.google.clientId, clientSecret: c.oauth.google.clientSecret }));
  if (c.oauth.oidc) providers.push(oidcProvider(c.oauth.oidc));

  options = {
    secret: c.secrets.auth,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SEC, updateAge: 24 * 3600 },
    pages: { signIn: "/sign-in", error: "/sign-in", signOut: "/sign-in" },
    providers,
    callbacks: {
      // After sign-in or sign-out: only a path on this site (lib/auth/callback-url.ts).
      async redirect({ url, baseUrl }) {
        let path: string = url;
        if (url.startsWith(baseUrl)) path = url.slice(baseUrl.length) || "/";
        return baseUrl + safeCallbackUrl(path, "/dashboard");
      },
      async signIn({ account, profile, user }) {
        if (!account || account.type !== "oauth") return true;
        const p = (profile ?? {}) as OAuthProfile;
        const r = await userForExternalIdentity({
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          email: p.email ?? user.email,
          // Google and OIDC say so in the ID token; GitHub's is set by githubProvider above.
          emailVerified: p.email_verified === true,
          name: user.name,
        });
        if ("refused" in r) return `/sign-in?error=${r.refused}`;
        return true;
      },
      async jwt({ token, user, account }) {
        if (account && user) {
          // First request after a sign-in: make `sub` our User.id whatever the provider.
          token.sub = account.type === "oauth" ? (await linkedUserId(account.provider, account.providerAccountId)) ?? undefined : user.id;
          delete token.picture;
          // This session's id and sign-in instant, so the server can end it (sign-out).
          Object.assign(token, newSessionClaims());
          return token;
        }
        // Every later read of the cookie (next-auth's /api/auth/session, getServerSession):
        // a session signed out on the server (alone or everywhere), or whose account is gone,
        // is no session. Throwing makes next-auth answer an empty session and clear the cookie.
        if (!(await webSessionLive(token))) throw new SessionEndedError();
        return token;
      },
      async session({ session, token }) {
        if (session.user) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
    events: {
      // Sign-out ends the session on the server too: its cookie stops working everywhere.
      async signOut(message) {
        if ("token" in message && message.token) await revokeWebSession(message.token);
      },
    },
    // next-auth's own logging may carry request details: keep only codes and messages.
    logger: {
      error: (code, meta) => {
        if (meta instanceof SessionEndedError) log.info("session.web_refused", { reason: "signed out or account gone" });
        else log.warn("next_auth.error", { code, error: meta instanceof Error ? meta.message : undefined });
      },
      warn: (code) => log.warn("next_auth.warn", { code }),
      debug: () => {},
    },
  };
  return options;
}

/** A session cookie that was signed out on the server, or whose account is gone. */
class SessionEndedError extends Error {
  constructor() {
    super("session ended");
  }
}

async function webSessionLive(claims: SessionClaims): Promise<boolean> {
  if (typeof claims.sub !== "string" || (await isWebSessionRevoked(claims))) return false;
  return (await db().user.findUnique({ where: { id: claims.sub }, select: { id: true } })) !== null;
}
