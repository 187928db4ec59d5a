/**
 * A failed Loop API request as the browser clients see it: the HTTP status (0 when there was
 * no answer at all) and the envelope's errno (null when the answer carried none; the owner
 * client uses 0 for no answer and 999 for an envelope without errno).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errno: number | null,
    message: string,
    /** the envelope's `info` (which field) and the `Retry-After` seconds, when the answer had them */
    readonly details: { info?: string; retryAfter?: number } = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
  get isNetwork() {
    return this.status === 0;
  }
  /** 5xx or unreachable: worth a Retry. */
  get isUnavailable() {
    return this.status === 0 || this.status >= 500;
  }
}
