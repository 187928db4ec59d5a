/**
 * The Loop protocol as both sides speak it, free of the environment (no process.env, no Node
 * APIs): usable from route handlers, domain code and browser clients alike.
 */
export { ApiError } from "./api-error";
export type { CallUrlInfo, CallUrlRequest, CreatedCallUrl } from "./call-urls";
export { errno } from "./errno";
export { limits } from "./limits";
export { isLoopToken, LINK_LIKE, LOOP_TOKEN } from "./tokens";

/** The media providers a join or call hands out credentials for (contract §5). */
export type ProviderName = "p2p" | "opentok";
