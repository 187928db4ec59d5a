/**
 * The Loop API paths that also answer under /v1 (contract §1). next.config.ts turns this list
 * into rewrites; an API test checks that every route folder under app/ is listed here.
 */
export const API_PREFIXES = [
  "registration",
  "session",
  "account",
  "rooms",
  "call-url",
  "calls",
  "events",
  "feedback",
  "push-server-config",
  "video",
  "contacts",
  "msisdn",
] as const;
