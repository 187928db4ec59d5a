import { EventEmitter } from "node:events";
import { config } from "../config";
import { log } from "../log";
import { redisSubscriber } from "../redis";
import { redis } from "../redis";
import { processState } from "../process-state";

/**
 * Live events between the parts of the server, and across instances: in-process by default,
 * Redis pub/sub when REDIS_URL is set (contract §6). Channels are strings such as
 * `user:<userMac>` (room changes, incoming calls), `call:<callId>` (progress) or
 * `signal:<sessionId>` (p2p signaling). Payloads are JSON-serialisable.
 */
export type Unsubscribe = () => void;
type Handler = (payload: unknown) => void;

// Process state (lib/process-state.ts): Next may load this module once per route bundle and once more for
// instrumentation (the sweepers); they must all share one emitter, or a sweeper's event
// never reaches a stream opened by a route.
type BusState = {
  local: EventEmitter;
  sub?: ReturnType<typeof redisSubscriber>;
  remoteCounts: Map<string, number>;
  ready: Map<string, Promise<unknown>>;
};
const state = processState<BusState>("bus", () => ({ local: newEmitter(), remoteCounts: new Map(), ready: new Map() }));

function newEmitter() {
  const e = new EventEmitter();
  e.setMaxListeners(0);
  return e;
}

function subscriber() {
  if (state.sub === undefined) {
    state.sub = redisSubscriber();
    state.sub?.on("message", (channel: string, message: string) => {
      try {
        state.local.emit(channel, JSON.parse(message));
      } catch (e) {
        log.warn("events.bad_message", { channel, error: (e as Error).message });
      }
    });
  }
  return state.sub;
}

/** Deliver to every subscriber of `channel`, on every instance. */
export async function publish(channel: string, payload: unknown): Promise<void> {
  const r = config().redisUrl ? redis() : null;
  if (r) await r.publish(channel, JSON.stringify(payload));
  else state.local.emit(channel, structuredClone(payload));
}

export function subscribe(channel: string, handler: Handler): Unsubscribe {
  state.local.on(channel, handler);
  const s = config().redisUrl ? subscriber() : null;
  if (s) {
    const n = (state.remoteCounts.get(channel) ?? 0) + 1;
    state.remoteCounts.set(channel, n);
    if (n === 1) {
      const p = s.subscribe(channel).catch((e: Error) => log.warn("events.subscribe_failed", { channel, error: e.message }));
      state.ready.set(channel, p);
    }
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    state.local.off(channel, handler);
    if (s) {
      const n = (state.remoteCounts.get(channel) ?? 1) - 1;
      if (n <= 0) {
        state.remoteCounts.delete(channel);
        state.ready.delete(channel);
        void s.unsubscribe(channel).catch(() => {});
      } else state.remoteCounts.set(channel, n);
    }
  };
}

/**
 * Like `subscribe`, but resolves once the subscription is live on Redis too, so that what is
 * published right after (a presence announcement expecting replies) cannot be missed.
 */
export async function subscribeReady(channel: string, handler: Handler): Promise<Unsubscribe> {
  const off = subscribe(channel, handler);
  await state.ready.get(channel);
  return off;
}
