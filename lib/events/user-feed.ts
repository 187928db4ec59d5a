import { randomBytes } from "node:crypto";
import { subscribeReady, type Unsubscribe } from "./bus";
import type { SseSend } from "./sse";
import { processState } from "../process-state";

/**
 * A user's live feed (`GET /events`, contract §6): everything published on `user:<userMac>`
 * (room changes, incoming calls, …), each event under its own increasing id, with a small
 * ring buffer per user so a reconnecting EventSource resumes from `Last-Event-ID` without
 * losing what happened meanwhile. The buffer lives in this process while the user has a
 * stream open and a while after (long enough for a reconnect); a `Last-Event-ID` it cannot
 * serve (too old, another instance, a restart) gets a `resync` event: fetch the state afresh.
 */
export type FeedEvent = { id: string; type: string; data: unknown };
type Listener = (e: FeedEvent) => void;

type Feed = {
  listeners: Set<Listener>;
  buffer: FeedEvent[];
  /** Resuming is possible from any id ≥ floor: nothing after it was dropped from the buffer. */
  floor: number;
  off?: Unsubscribe;
  ready: Promise<void>;
  idleTimer?: ReturnType<typeof setTimeout>;
};

const BUFFER_SIZE = 100;
/** How long a feed outlives its last stream (EventSource reconnects after a few seconds). */
const KEEP_MS = 2 * 60_000;

// Shared by every bundle of this process. Ids come from one process-wide counter (never
// reused when a user's feed is dropped and made again); `boot` tells this process's ids from
// another instance's or an earlier run's.
type State = { feeds: Map<string, Feed>; boot: string; counter: number };
const state = processState<State>("userFeeds", () => ({ feeds: new Map(), boot: randomBytes(4).toString("hex"), counter: 0 }));

const seq = (id: string) => Number(id.slice(id.indexOf("-") + 1));

function feedFor(userMac: string): Feed {
  let feed = state.feeds.get(userMac);
  if (feed) {
    if (feed.idleTimer) clearTimeout(feed.idleTimer);
    feed.idleTimer = undefined;
    return feed;
  }
  const created: Feed = { listeners: new Set(), buffer: [], floor: state.counter, ready: Promise.resolve() };
  created.ready = subscribeReady(`user:${userMac}`, (payload) => {
    const p = payload as { type?: unknown } | null;
    const e: FeedEvent = {
      id: `${state.boot}-${++state.counter}`,
      type: p && typeof p.type === "string" && /^[\w.-]{1,40}$/.test(p.type) ? p.type : "message",
      data: payload,
    };
    created.buffer.push(e);
    if (created.buffer.length > BUFFER_SIZE) created.floor = seq(created.buffer.shift()!.id);
    for (const l of created.listeners) l(e);
  }).then((off) => {
    created.off = off;
  });
  state.feeds.set(userMac, created);
  return created;
}

function release(userMac: string, feed: Feed) {
  if (feed.listeners.size > 0) return;
  feed.idleTimer = setTimeout(() => {
    if (feed.listeners.size > 0 || state.feeds.get(userMac) !== feed) return;
    state.feeds.delete(userMac);
    feed.off?.();
  }, KEEP_MS);
  feed.idleTimer.unref?.();
}

/** What to replay after `lastEventId`: the missed events, or null if they cannot be known. */
function missedSince(feed: Feed, lastEventId: string): FeedEvent[] | null {
  const m = /^([0-9a-f]+)-(\d+)$/.exec(lastEventId.trim());
  if (!m || m[1] !== state.boot) return null;
  const n = Number(m[2]);
  if (n < feed.floor || n > state.counter) return null;
  return feed.buffer.filter((e) => seq(e.id) > n);
}

/**
 * Subscribes the user's feed and resolves once it is live (on Redis too), before the
 * response goes out: a client that has its 200 can act and see the consequence. Returns the
 * position to stream from when the client did not name one.
 */
export async function prepareUserFeed(userMac: string): Promise<string> {
  const feed = feedFor(userMac);
  await feed.ready;
  const position = `${state.boot}-${state.counter}`;
  // Dropped after the idle time if the stream never attaches (client gone meanwhile).
  release(userMac, feed);
  return position;
}

/**
 * Streams the user's feed into an SSE response from `from` (Last-Event-ID, or the position
 * `prepareUserFeed` returned); returns the cleanup.
 */
export function openUserFeed(userMac: string, from: string, send: SseSend): () => void {
  const feed = feedFor(userMac);
  const listener: Listener = (e) => send({ id: e.id, event: e.type, data: e.data });
  // Replay and attach in one synchronous step: nothing published in between is lost or sent twice.
  const missed = missedSince(feed, from);
  if (missed === null) send({ event: "resync", data: {} });
  else for (const e of missed) listener(e);
  feed.listeners.add(listener);
  return () => {
    feed.listeners.delete(listener);
    release(userMac, feed);
  };
}
