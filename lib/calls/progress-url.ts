import { config } from "../config";

/**
 * Which progress transport a client is told about. Original clients (Firefox's
 * `loop.server` = `…/v0`) speak the WebSocket of ref §3, so under `/v0` `progressURL` is
 * `ws(s)://…/websocket` exactly as the original's `getProgressURL`; everyone else gets the
 * SSE form of contract §6 (`/calls/id/{callId}/progress`). Both reach the same call.
 */
export function websocketUrl() {
  const u = new URL(config().publicUrl);
  return u.protocol === "https:" ? `wss://${u.hostname}:443/websocket` : `ws://${u.host}/websocket`;
}

export function speaksWebSocket(req: Request) {
  return /^\/v0(\/|$)/.test(new URL(req.url).pathname);
}

/** The call view(s) with `progressURL` in the form this request's client speaks. */
export function withProgressUrl<T>(req: Request, body: T): T {
  if (!speaksWebSocket(req)) return body;
  const ws = websocketUrl();
  const fix = (c: unknown) => {
    if (c && typeof c === "object" && "progressURL" in c) (c as { progressURL: string }).progressURL = ws;
  };
  fix(body);
  const calls = (body as { calls?: unknown }).calls;
  if (Array.isArray(calls)) calls.forEach(fix);
  return body;
}
