/**
 * Where to go after signing in: only a path on this site (never another origin, never
 * "//host"), so a crafted link cannot bounce a fresh session to someone else's page.
 */
export const DEFAULT_AFTER_SIGN_IN = "/dashboard";

const BASE = "http://loop.invalid";

/**
 * A same-origin path, or `fallback`. The value is judged the way a browser will read it: URL
 * parsing strips tabs and newlines and turns `\` into `/`, so `/\t/evil.com` and `/\evil.com`
 * would become `//evil.com`. Anything with control characters or a backslash is refused
 * outright, and what remains must resolve against our origin to our origin.
 */
export function safeCallbackUrl(raw: string | string[] | undefined | null, fallback = DEFAULT_AFTER_SIGN_IN): string {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (!v || v.length > 2048 || !v.startsWith("/")) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(v) || v.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(v, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = url.pathname + url.search + url.hash;
  return path.startsWith("//") ? fallback : path;
}
