import { errors } from "../http/errors";
import { clientAddress } from "../http/client-address";
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
