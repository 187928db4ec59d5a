import { errno } from "../protocol";

/** The one error type every server-side failure travels as; the errno table is lib/protocol's. */
export { errno } from "../protocol";

const reasonPhrase: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  410: "Gone",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export type LoopErrorBody = { code: number; errno: number; error: string; message?: string; info?: string };

export class LoopError extends Error {
  constructor(
    readonly code: number,
    readonly errno: number,
    readonly error: string = reasonPhrase[code] ?? "Error",
    readonly detail?: { message?: string; info?: string; headers?: Record<string, string> },
  ) {
    super(detail?.message ?? error);
  }

  body(): LoopErrorBody {
    const b: LoopErrorBody = { code: this.code, errno: this.errno, error: this.error };
    if (this.detail?.message) b.message = this.detail.message;
    if (this.detail?.info) b.info = this.detail.info;
    return b;
  }
}

// Constructors for the errors the contract names, so call sites read as the rule they apply.
export const errors = {
  missing: (fields: string[]) => new LoopError(400, errno.MISSING_PARAMETERS, `Missing: ${fields.join(", ")}`),
  invalid: (message: string) => new LoopError(400, errno.INVALID_PARAMETERS, message),
  badJson: () => new LoopError(400, errno.BADJSON, "Invalid JSON body."),
  // The rest of the body stays unread: the connection must not be reused.
  tooLarge: (limit: number) =>
    new LoopError(413, errno.REQUEST_TOO_LARGE, `Request body is larger than ${limit} bytes.`, {
      headers: { Connection: "close" },
    }),
  notAcceptable: () => new LoopError(406, errno.BADJSON, "Only application/json responses are available."),
  unauthorized: (message = "Unauthorized", scheme = "Hawk") =>
    new LoopError(401, errno.INVALID_AUTH_TOKEN, message, { headers: { "WWW-Authenticate": scheme } }),
  forbidden: (message = "Forbidden", no: number = errno.UNDEFINED) => new LoopError(403, no, message),
  registeredOnly: () =>
    new LoopError(403, errno.INVALID_AUTH_TOKEN, "You should be a registered user to perform this action."),
  tokenNotFound: (message = "Token not found.") => new LoopError(404, errno.INVALID_TOKEN, message),
  notFound: () => new LoopError(404, errno.UNDEFINED, "Resource not found."),
  methodNotAllowed: () => new LoopError(405, errno.UNDEFINED, "Method Not Allowed"),
  expired: (message = "Participation has expired.") => new LoopError(410, errno.EXPIRED, message),
  tooManyRequests: (retryAfterSec: number) =>
    new LoopError(429, errno.TOO_MANY_REQUESTS, "Too many requests, slow down.", {
      headers: { "Retry-After": String(retryAfterSec) },
    }),
  backend: (message?: string, retryAfterSec = 30) =>
    new LoopError(503, errno.BACKEND, "Service Unavailable", { message, headers: { "Retry-After": String(retryAfterSec) } }),
  internal: () => new LoopError(500, errno.UNDEFINED, "Internal Server Error"),
};
