import { randomBytes } from "node:crypto";
import { verificationToken, waitForMail } from "./mailbox";

/**
 * Web sign-up and sign-in for tests, doing exactly what a browser does: `POST /api/sign-up`
 * (what the sign-up page sends), then next-auth's credentials flow (GET /api/auth/csrf for the
 * double-submit token and its cookie, POST /api/auth/callback/credentials). The result is the
 * `Cookie` header a browser would send, to use with LoopClient:
 *
 *   const user = await signUp(base);
 *   await client.get("/rooms", { auth: { cookie: user.cookie, origin: base } });
 */
export type WebUser = { email: string; password: string; name: string; cookie: string };

/** A unique e-mail address per call, so tests never collide on one server. */
export function uniqueEmail(prefix = "user") {
  return `${prefix}-${randomBytes(6).toString("hex")}@example.test`;
}

/**
 * Creates an account and signs it in. Unless `verify: false`, the address is verified as its
 * owner would: the mailed link is read from the run's SMTP receiver and its form posted
 * (contract §9). Throws with the server's answer when a step fails.
 */
export async function signUp(
  base: string,
  opts: { email?: string; password?: string; name?: string; verify?: boolean } = {},
): Promise<WebUser> {
  const email = opts.email ?? uniqueEmail();
  const password = opts.password ?? `pw-${randomBytes(8).toString("hex")}`;
  const name = opts.name ?? "Test User";
  const mailbox = process.env.LOOP_TEST_MAILBOX_URL;
  const before = mailbox ? (await waitForMail(mailbox, email, 0)).length : 0;
  const res = await fetch(`${base}/api/sign-up`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", Origin: new URL(base).origin },
    body: JSON.stringify({ email, password, name }),
  });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  if (opts.verify !== false && mailbox) {
    const mails = await waitForMail(mailbox, email, before + 1);
    const result = await confirmEmail(base, verificationToken(mails[mails.length - 1]));
    if (result !== "verified") throw new Error(`e-mail verification failed: ${result}`);
  }
  const cookie = await signIn(base, email, password);
  return { email, password, name, cookie };
}

/** Posts the verification page's form, as its button does; returns the page's result. */
export async function confirmEmail(base: string, token: string): Promise<string | null> {
  const res = await fetch(`${base}/api/email-verification/confirm`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token }).toString(),
  });
  if (res.status !== 303) throw new Error(`verification form answered ${res.status}`);
  return new URL(res.headers.get("location") ?? "", base).searchParams.get("result");
}

/**
 * Signs in with e-mail and password; returns the Cookie header (session cookie only).
 * Throws `Error("sign-in refused: <next-auth error code>")` when the credentials are refused.
 */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const r = await trySignIn(base, email, password);
  if (!r.cookie) throw new Error(`sign-in refused: ${r.error ?? r.status}`);
  return r.cookie;
}

/**
 * The same flow, reporting refusals instead of throwing (for tests of refusals). `callbackUrl`
 * is what the sign-in form posts (default: the site's root); `forwardedFor` sends both requests
 * with that X-Forwarded-For (a server behind a trusted proxy counts it as the client's address).
 * Besides the session cookie: next-auth's answer `url` (where the browser would go next) and
 * its `error` code, or, for a refusal before next-auth (429), the Loop `body` and `retryAfter`.
 */
export async function trySignIn(
  base: string,
  email: string,
  password: string,
  opts: { callbackUrl?: string; forwardedFor?: string } = {},
): Promise<{ status: number; cookie: string | null; error: string | null; url: string | null; body: unknown; retryAfter: string | null }> {
  const forwarded: Record<string, string> = opts.forwardedFor ? { "X-Forwarded-For": opts.forwardedFor } : {};
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: { Accept: "application/json", ...forwarded } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiePairs(csrf.headers);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Cookie: jar.join("; "),
      Origin: new URL(base).origin,
      ...forwarded,
    },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: opts.callbackUrl ?? `${base}/`, json: "true" }).toString(),
  });
  const session = cookiePairs(res.headers).filter((c) => /^(__Secure-)?next-auth\.session-token(\.\d+)?=/.test(c) && !c.endsWith("="));
  const body: unknown = await res.json().catch(() => null);
  const url = typeof (body as { url?: unknown } | null)?.url === "string" ? (body as { url: string }).url : null;
  return {
    status: res.status,
    cookie: session.length ? session.join("; ") : null,
    error: url ? new URL(url, base).searchParams.get("error") : null,
    url,
    body,
    retryAfter: res.headers.get("retry-after"),
  };
}

/** `name=value` of every Set-Cookie of a response. */
function cookiePairs(headers: Headers): string[] {
  return headers.getSetCookie().map((c) => c.split(";", 1)[0]);
}
