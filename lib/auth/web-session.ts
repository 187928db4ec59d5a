import { decode } from "next-auth/jwt";
import { config } from "../config";
import { db } from "../db";
import { readCookies } from "../http/cookies";
import { isWebSessionRevoked, type SessionClaims } from "../accounts/web-sign-out";

/**
 * The signed-in web user, read from next-auth's session cookie in any route handler: decrypt
 * the JWT (no network, no next-auth round trip), then one primary-key read so a deleted
 * account stops working at once even though its JWT has not expired.
 */
export type WebUser = { userId: string; userMac: string; email: string; /** the name the session was signed in with, if any */ name: string | null };

const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** The session JWT from a Cookie header; next-auth splits large ones into `.0`, `.1`, … chunks. */
export function sessionCookieValue(cookieHeader: string | null): string | null {
  if (!cookieHeader || !cookieHeader.includes("next-auth.session-token")) return null;
  const jar = readCookies(cookieHeader);
  for (const name of COOKIE_NAMES) {
    const whole = jar.get(name);
    if (whole) return whole;
    const chunks: string[] = [];
    for (let n = 0; jar.has(`${name}.${n}`); n++) chunks.push(jar.get(`${name}.${n}`)!);
    if (chunks.length) return chunks.join("");
  }
  return null;
}

/** The claims of a session JWT, or null when it is absent, forged or expired. */
export async function sessionClaims(token: string): Promise<(SessionClaims & { sub: string }) | null> {
  try {
    const payload = (await decode({ token, secret: config().secrets.auth })) as SessionClaims | null;
    return typeof payload?.sub === "string" ? (payload as SessionClaims & { sub: string }) : null;
  } catch {
    return null;
  }
}

/**
 * The user id inside a session JWT, or null when it is absent, forged, expired, or signed out
 * on the server (lib/accounts/web-sign-out.ts).
 */
export async function sessionUserId(token: string): Promise<string | null> {
  const claims = await sessionClaims(token);
  if (!claims) return null;
  return (await isWebSessionRevoked(claims)) ? null : claims.sub;
}

export async function webUserFromRequest(headers: Headers): Promise<WebUser | null> {
  return webUserFromCookie(headers.get("cookie"));
}

export async function webUserFromCookie(cookieHeader: string | null): Promise<WebUser | null> {
  const token = sessionCookieValue(cookieHeader);
  if (!token) return null;
  const claims = await sessionClaims(token);
  if (!claims || (await isWebSessionRevoked(claims))) return null;
  const user = await db().user.findUnique({ where: { id: claims.sub }, select: { id: true, userMac: true, email: true } });
  if (!user) return null;
  const claimed: unknown = (claims as { name?: unknown }).name;
  const name = typeof claimed === "string" ? claimed.trim() || null : null;
  return { userId: user.id, userMac: user.userMac, email: user.email, name };
}
