/**
 * Where to go after signing in: only a path on this site (never another origin, never
 * "//host"), so a crafted link cannot bounce a fresh session to someone else's page.
 */
export const DEFAULT_AFTER_SIGN_IN = "/dashboard";

export function safeCallbackUrl(raw: string | string[] | undefined | null, fallback = DEFAULT_AFTER_SIGN_IN): string {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (!v || !v.startsWith("/") || v.startsWith("//") || v.startsWith("/\\")) return fallback;
  return v;
}
