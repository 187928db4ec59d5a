import { errno, errors, LoopError } from "../http/errors";
import { clientAddress } from "../http/client-address";
import { readCookies } from "../http/cookies";
import { finish } from "../http/handler";
import { signInRetryAfter } from "./sign-in-throttle";
import { emailSchema, TOO_MANY_ATTEMPTS } from "./users";

/**
 * next-auth reports a refused attempt as a redirect (or `{url}` for `json: true`) to
 * `/sign-in?error=TooManyAttempts`. For the contract that becomes 429 / 116 with Retry-After,
 * keeping `url` in the body so next-auth's own `signIn()` still reads the error code.
 */
export async function signInRefusal(req: Request, form: string, res: Response): Promise<Response | null> {
  if (req.method !== "POST" || !new URL(req.url).pathname.endsWith("/callback/credentials")) return null;
  const location = res.headers.get("location");
  let url = location;
  if (!url && res.headers.get("content-type")?.includes("json")) {
    url = ((await res.clone().json().catch(() => ({}))) as { url?: string }).url ?? null;
  }
  if (!url || !url.includes(`error=${TOO_MANY_ATTEMPTS}`)) return null;
  const params = new URLSearchParams(form);
  const email = emailSchema.safeParse(params.get("email") ?? "");
  const wait = email.success ? await signInRetryAfter(email.data, clientAddress(req)) : 0;
  const e = errors.tooManyRequests(Math.max(1, wait));
  const headers = new Headers({ "Content-Type": "application/json; charset=utf-8", ...e.detail?.headers });
  for (const c of res.headers.getSetCookie()) headers.append("Set-Cookie", c);
  return finish(req, new Response(JSON.stringify({ ...e.body(), url }), { status: 429, headers }));
}

function decodes(s: string) {
  for (const part of s.split(/[&=]/)) {
    try {
      decodeURIComponent(part.replace(/\+/g, " "));
    } catch {
      return false;
    }
  }
  return true;
}

function envelope(req: Request, e: LoopError, keep?: Response) {
  const headers = new Headers({ "Content-Type": "application/json; charset=utf-8", ...e.detail?.headers });
  for (const c of keep?.headers.getSetCookie() ?? []) headers.append("Set-Cookie", c);
  return finish(req, new Response(JSON.stringify(e.body()), { status: e.code, headers }));
}

/** next-auth's own test of a callback URL (core/lib/assert.js): absolute http(s), or a path. */
function nextAuthTakes(callbackUrl: string) {
  try {
    return /^https?:/.test(new URL(callbackUrl, callbackUrl.startsWith("/") ? "http://loop.invalid" : undefined).protocol);
  } catch {
    return false;
  }
}

const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];
/** What next-auth answers a bad callback URL with a redirect to the error page (GET only). */
const NEXT_AUTH_PAGES = ["signin", "signout", "error", "verify-request"];

/**
 * Requests next-auth would answer with a 500 although only the request is wrong. A
 * `callbackUrl` that is neither a path nor an http(s) URL, in the query or in next-auth's
 * callback-URL cookie, is a "configuration error" 500 to next-auth except on a GET of one of its
 * pages (there it sends the browser to the sign-in page's error); the credentials callback asked
 * for with GET is another.
 * They get the envelope instead, before next-auth runs.
 */
export function nextAuthRefusal(req: Request, form: string): Response | null {
  const url = new URL(req.url);
  const formish = (req.headers.get("content-type") ?? "").includes("application/x-www-form-urlencoded");
  if (formish && !decodes(form)) return envelope(req, errors.invalid("Invalid form: a value does not decode."));
  const action = url.pathname.split("/api/auth/")[1]?.split("/")[0] ?? "";
  if (req.method !== "GET" || !NEXT_AUTH_PAGES.includes(action)) {
    const cookies = readCookies(req.headers.get("cookie"));
    const given = [...url.searchParams.getAll("callbackUrl"), ...CALLBACK_COOKIES.map((n) => cookies.get(n) ?? "")];
    if (given.some((c) => c && !nextAuthTakes(c))) {
      return envelope(req, errors.invalid("callbackUrl should be a path on this site."));
    }
  }
  if (url.pathname.endsWith("/callback/credentials") && req.method !== "POST") {
    return envelope(req, new LoopError(405, errno.UNDEFINED, "Method Not Allowed", { headers: { Allow: "POST" } }));
  }
  return null;
}

/**
 * next-auth's own errors come as bare text (`Error: This action … is not supported`) or an
 * empty body; on our server every error is in the envelope, with the same status (and any
 * cookie next-auth set). Redirects, JSON answers and successes pass unchanged.
 */
export function nextAuthEnvelope(req: Request, res: Response): Response {
  // JSON is next-auth's answer to its own client (a refused sign-in is 401 with `{url}` naming
  // the error), read by next-auth's signIn(): kept as it is.
  if (res.status < 400 || (res.headers.get("content-type") ?? "").includes("json")) return res;
  const no = res.status === 400 ? errno.INVALID_PARAMETERS : errno.UNDEFINED;
  return envelope(req, new LoopError(res.status, no), res);
}
