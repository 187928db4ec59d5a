import { ApiError, api } from "../owner-api";

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

/** The owner client's `api()` (one fetch and envelope reader), with its failure as the screens word it. */
export async function identityCall<T>(method: string, path: string, body?: unknown): Promise<T> {
  try {
    return await api<T>(method, path, body);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    throw new IdentityError({ status: e.status, errno: e.errno ?? 999, info: e.details.info, retryAfter: e.details.retryAfter ?? 0 });
  }
}

export type EmailState = { email: string; verified: boolean; pending: string | null; hasPassword: boolean };
export type PhoneList = { msisdns: { msisdn: string; verifiedAt: number }[] };
