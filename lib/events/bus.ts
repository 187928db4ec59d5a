import { EventEmitter } from "node:events";
import { config } from "../config";
import { log } from "../log";
import { redis, redisSubscriber } from "../redis";

/**
 * Live events between the parts of the server, and across instances: in-process by default,
 * Redis pub/sub when REDIS_URL is set (contract §6). Channels are strings such as
 * `user:<userMac>` (room changes, incoming calls), `call:<callId>` (progress) or
 * `signal:<sessionId>` (p2p signaling). Payloads are JSON-serialisable.
 */
export type Unsubscribe = () => void;
type Handler = (payload: unknown) => void;

const local = new EventEmitter();
local.setMaxListeners(0);

let sub: ReturnType<typeof redisSubscriber> | undefined;
const remoteCounts = new Map<string, number>();

function subscriber() {
  if (sub === undefined) {
    sub = redisSubscriber();
    sub?.on("message", (channel: string, message: string) => {
      try {
        local.emit(channel, JSON.parse(message));
      } catch (e) {
        log.warn("events.bad_message", { channel, error: (e as Error).message });
      }
    });
  }
  return sub;
}

/** Deliver to every subscriber of `channel`, on every instance. */
export async function publish(channel: string, payload: unknown): Promise<void> {
  const r = config().redisUrl ? redis() : null;
  if (r) await r.publish(channel, JSON.stringify(payload));
  else local.emit(channel, structuredClone(payload));
}

export function subscribe(channel: string, handler: Handler): Unsubscribe {
  local.on(channel, handler);
  const s = config().redisUrl ? subscriber() : null;
  if (s) {
    const n = (remoteCounts.get(channel) ?? 0) + 1;
    remoteCounts.set(channel, n);
    if (n === 1) void s.subscribe(channel);
  }
  return () => {
    local.off(channel, handler);
    if (s) {
      const n = (remoteCounts.get(channel) ?? 1) - 1;
      if (n <= 0) {
        remoteCounts.delete(channel);
        void s.unsubscribe(channel);
      } else remoteCounts.set(channel, n);
    }
  };
}
