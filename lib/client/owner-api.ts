import { currentLocale, t } from "@/lib/i18n";
import { ApiError } from "@/lib/protocol";

/**
 * The owner app's one way to the Loop API: same-origin fetch with the web session cookie, so
 * the app uses exactly the routes desktop clients use. Failures arrive as `ApiError` carrying
 * the Loop envelope, so screens can word them by errno.
 */
export { ApiError } from "@/lib/protocol";

/** No answer at all (offline, server down): errno 0. */
export const NETWORK_ERRNO = 0;

export async function api<T = unknown>(method: string, path: string, body?: unknown, init: { signal?: AbortSignal } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: { Accept: "application/json", ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: init.signal,
    });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiError(0, NETWORK_ERRNO, "Could not reach the server.");
  }
  const text = await res.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  if (!res.ok && res.status !== 207) {
    const e = (data ?? {}) as { errno?: number; error?: string; message?: string; info?: unknown };
    throw new ApiError(res.status, e.errno ?? 999, e.message ?? e.error ?? `HTTP ${res.status}`, {
      info: typeof e.info === "string" ? e.info : undefined,
      retryAfter: Number(res.headers.get("retry-after") ?? 0) || 0,
    });
  }
  return data as T;
}

/** An error worded for a person: the server's own message for bad input, a plain sentence otherwise. */
export function describeError(e: unknown, fallback = t("owner.error.generic")): string {
  if (e instanceof ApiError) {
    if (e.errno === NETWORK_ERRNO) return t("owner.error.network");
    if (e.status === 401) return t("owner.error.sessionEnded");
    if (e.status === 429) return t("owner.error.tooMany");
    if (e.status === 503) return t("owner.error.unavailable");
    // The API's own words are English (protocol): shown as they are to English readers only.
    if (e.status === 400 || e.status === 409 || e.status === 413) {
      if (currentLocale() === "en") return e.message;
      return e.status === 413 ? t("owner.error.tooLarge") : t("owner.error.invalid");
    }
  }
  return fallback;
}
