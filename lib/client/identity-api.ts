/**
 * The account page's calls for verified identities (contract §9), keeping what the screens
 * need to word errors: status, errno, the server's `info` and `Retry-After`.
 */
export type IdentityFailure = { status: number; errno: number; info?: string; retryAfter: number };

export class IdentityError extends Error {
  constructor(readonly failure: IdentityFailure) {
    super(`HTTP ${failure.status}`);
  }
}

export async function identityCall<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: { Accept: "application/json", ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new IdentityError({ status: 0, errno: 0, retryAfter: 0 });
  }
  const text = await res.text();
  let data: Record<string, unknown> = {};
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    /* not JSON */
  }
  if (!res.ok) {
    throw new IdentityError({
      status: res.status,
      errno: typeof data.errno === "number" ? data.errno : 999,
      info: typeof data.info === "string" ? data.info : undefined,
      retryAfter: Number(res.headers.get("retry-after") ?? 0) || 0,
    });
  }
  return data as T;
}

export type EmailState = { email: string; verified: boolean };
export type PhoneList = { msisdns: { msisdn: string; verifiedAt: number }[] };
