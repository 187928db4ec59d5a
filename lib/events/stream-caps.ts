import { createHash, randomUUID } from "node:crypto";
import type Redis from "ioredis";
import { config } from "../config";
import { capReached } from "../limits";
import { log } from "../log";
import { processState } from "../process-state";
import { redis } from "../redis";
import { publish, subscribeReady } from "./bus";

/**
 * Open event streams per identity and per client address (contract §1 "Limits"). Past
 * STREAMS_MAX_PER_IDENTITY the identity's oldest stream is closed at once (a reloaded tab gets
 * its new stream; a leaked token cannot hold more than the cap); past STREAMS_MAX_PER_ADDRESS a
 * new stream is refused with 429 / 116.
 *
 * One instance counts in memory. With REDIS_URL the counts are shared by every instance
 * (docs/limits.md): each open stream holds a lease in Redis sorted sets (per identity: by
 * opening order and by lease end; per address: by lease end), refreshed by its instance every
 * third of STREAMS_LEASE_SEC, so a crashed instance's streams stop counting once their leases
 * run out. Admission is one Lua script (drop expired leases, check the address cap, add,
 * evict the identity's oldest beyond its cap), so two instances admitting at once never both
 * pass a cap. An evicted stream on another instance is closed by a bus message
 * (`streams:close`); if that message is lost, its next refresh finds its lease gone and closes it.
 * If Redis fails, a stream is admitted and counted in this instance only (logged).
 */
type Open = {
  id: string;
  identity: string;
  address: string;
  close: () => void;
  released: boolean;
  /** closed by the cap before it could register its close */
  evicted: boolean;
  /** its lease lives in Redis */
  shared: boolean;
};

// Shared by every route bundle of this process.
const state = processState("streamCaps", () => ({
  byIdentity: new Map<string, Open[]>(),
  byAddress: new Map<string, number>(),
  /** streams of this instance with a Redis lease, by stream id */
  leased: new Map<string, Open>(),
  refresh: undefined as ReturnType<typeof setInterval> | undefined,
  listening: undefined as Promise<unknown> | undefined,
}));

const CLOSE_CHANNEL = "streams:close";

/**
 * Admits a stream before it opens. Returns `register(close)` to call once the stream can be
 * closed, and `release()` for when it ends. Throws 429 / 116 when the address is at its cap.
 */
export async function admitStream(identity: string, address: string) {
  const r = config().redisUrl ? redis() : null;
  const entry: Open = { id: randomUUID(), identity, address, close: () => {}, released: false, evicted: false, shared: false };
  if (r) {
    try {
      await admitShared(r, entry);
    } catch (e) {
      if (!(e instanceof SharedUnavailable)) throw e;
    }
  }
  if (!entry.shared) admitLocal(entry);
  return {
    register(close: () => void) {
      entry.close = close;
      if (entry.evicted) close();
    },
    release() {
      release(entry);
    },
  };
}

function admitLocal(entry: Open) {
  const caps = config().caps;
  const atAddress = state.byAddress.get(entry.address) ?? 0;
  if (atAddress >= caps.streamsPerAddress) {
    log.info("stream.refused", { reason: "address cap" });
    throw capReached("open event streams from this address", caps.streamsPerAddress, 30);
  }
  state.byAddress.set(entry.address, atAddress + 1);
  const list = state.byIdentity.get(entry.identity) ?? [];
  list.push(entry);
  state.byIdentity.set(entry.identity, list);
  while (list.length > caps.streamsPerIdentity) {
    const oldest = list.shift()!;
    log.info("stream.evicted", { reason: "identity cap" });
    evict(oldest);
  }
}

function evict(entry: Open) {
  release(entry);
  entry.evicted = true;
  entry.close();
}

function release(entry: Open) {
  if (entry.released) return;
  entry.released = true;
  if (entry.shared) {
    state.leased.delete(entry.id);
    const r = redis();
    if (r) {
      const k = keys(entry);
      void r
        .multi()
        .zrem(k.order, entry.id)
        .zrem(k.lease, entry.id)
        .zrem(k.address, entry.id)
        .exec()
        .catch((e: Error) => log.warn("stream.release_failed", { error: e.message }));
    }
    return;
  }
  const list = state.byIdentity.get(entry.identity);
  if (list) {
    const i = list.indexOf(entry);
    if (i >= 0) list.splice(i, 1);
    if (!list.length) state.byIdentity.delete(entry.identity);
  }
  const n = (state.byAddress.get(entry.address) ?? 1) - 1;
  if (n > 0) state.byAddress.set(entry.address, n);
  else state.byAddress.delete(entry.address);
}

// ---- Shared counting (Redis) ----

class SharedUnavailable extends Error {}

function hash(s: string) {
  return createHash("sha256").update(s).digest("hex").slice(0, 32);
}

function keys(entry: Pick<Open, "identity" | "address">) {
  const id = hash(entry.identity);
  return { order: `loop:streams:id-order:${id}`, lease: `loop:streams:id-lease:${id}`, address: `loop:streams:addr:${hash(entry.address)}` };
}

const leaseMs = () => config().caps.streamLeaseSec * 1000;

/** Redis time in ms: every instance compares leases against one clock. */
const NOW = "local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)";

// KEYS: identity order, identity lease, address lease. ARGV: stream id, lease ms, identity cap, address cap.
// Returns {-1} when the address is at its cap, else {0, evicted ids…}.
const ADMIT = `${NOW}
local gone = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)
for _, m in ipairs(gone) do redis.call('ZREM', KEYS[1], m) end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[4]) then return {-1} end
local lease = now + tonumber(ARGV[2])
local order = now
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] and tonumber(last[2]) >= order then order = tonumber(last[2]) + 1 end
redis.call('ZADD', KEYS[1], order, ARGV[1])
redis.call('ZADD', KEYS[2], lease, ARGV[1])
redis.call('ZADD', KEYS[3], lease, ARGV[1])
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
local out = {0}
local n = redis.call('ZCARD', KEYS[1])
local cap = tonumber(ARGV[3])
if n > cap then
  local old = redis.call('ZRANGE', KEYS[1], 0, n - cap - 1)
  for _, m in ipairs(old) do
    redis.call('ZREM', KEYS[1], m)
    redis.call('ZREM', KEYS[2], m)
    table.insert(out, m)
  end
end
return out`;

// KEYS: identity order, identity lease, address lease. ARGV: stream id, lease ms.
// 0 when the stream's lease is gone (evicted, or expired): its stream must close.
const REFRESH = `${NOW}
if not redis.call('ZSCORE', KEYS[2], ARGV[1]) then return 0 end
local lease = now + tonumber(ARGV[2])
redis.call('ZADD', KEYS[2], lease, ARGV[1])
redis.call('ZADD', KEYS[3], lease, ARGV[1])
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
return 1`;

type Scripts = {
  loopStreamAdmit(...args: (string | number)[]): Promise<(string | number)[]>;
  loopStreamRefresh(...args: (string | number)[]): Promise<number>;
};

/** The two scripts as commands of the client (ioredis sends EVALSHA, loading them once). */
function scripts(r: Redis): Scripts {
  const c = r as Redis & Partial<Scripts>;
  if (!c.loopStreamAdmit) {
    r.defineCommand("loopStreamAdmit", { numberOfKeys: 3, lua: ADMIT });
    r.defineCommand("loopStreamRefresh", { numberOfKeys: 3, lua: REFRESH });
  }
  return c as Redis & Scripts;
}

async function admitShared(r: Redis, entry: Open) {
  const caps = config().caps;
  const k = keys(entry);
  let out: (string | number)[];
  try {
    // Not awaited: a Redis outage must not hold the stream up (the script below fails fast);
    // by the time another instance evicts this stream, the subscription is live.
    listen();
    out = await scripts(r).loopStreamAdmit(k.order, k.lease, k.address, entry.id, leaseMs(), caps.streamsPerIdentity, caps.streamsPerAddress);
  } catch (e) {
    log.warn("stream.caps_unshared", { error: (e as Error).message });
    throw new SharedUnavailable();
  }
  if (out[0] === -1) {
    log.info("stream.refused", { reason: "address cap" });
    throw capReached("open event streams from this address", caps.streamsPerAddress, 30);
  }
  entry.shared = true;
  state.leased.set(entry.id, entry);
  startRefreshing();
  const evicted = out.slice(1).map(String);
  if (!evicted.length) return;
  log.info("stream.evicted", { reason: "identity cap", count: evicted.length });
  const elsewhere = evicted.filter((id) => !closeLeased(id));
  if (elsewhere.length) await publish(CLOSE_CHANNEL, { ids: elsewhere }).catch((e: Error) => log.warn("stream.evict_failed", { error: e.message }));
}

/** Closes a stream of this instance by id; false when it is not here. */
function closeLeased(id: string) {
  const entry = state.leased.get(id);
  if (!entry) return false;
  evict(entry);
  return true;
}

/** Listens (once per process) for evictions decided on other instances. */
function listen() {
  state.listening ??= subscribeReady(CLOSE_CHANNEL, (payload) => {
    const ids = (payload as { ids?: unknown })?.ids;
    if (Array.isArray(ids)) for (const id of ids) if (typeof id === "string") closeLeased(id);
  }).catch((e: Error) => {
    state.listening = undefined;
    log.warn("stream.close_listen_failed", { error: e.message });
  });
}

function startRefreshing() {
  if (state.refresh) return;
  state.refresh = setInterval(() => void refreshLeases(), Math.max(1000, Math.floor(leaseMs() / 3)));
  state.refresh.unref?.();
}

async function refreshLeases() {
  const r = redis();
  if (!r) return;
  const entries = [...state.leased.values()];
  if (!entries.length) {
    if (state.refresh) clearInterval(state.refresh);
    state.refresh = undefined;
    return;
  }
  await Promise.all(
    entries.map(async (entry) => {
      const k = keys(entry);
      try {
        const alive = await scripts(r).loopStreamRefresh(k.order, k.lease, k.address, entry.id, leaseMs());
        // Evicted by another instance (its message lost) or expired: it no longer counts, so it closes.
        if (alive === 0 && !entry.released) {
          log.info("stream.evicted", { reason: "lease gone" });
          evict(entry);
        }
      } catch (e) {
        log.warn("stream.lease_refresh_failed", { error: (e as Error).message });
      }
    }),
  );
}

/**
 * The identities among `macs` with an open event stream on some instance (contract §9: a
 * phone-only session is reachable with a `calls` push URL or an open event stream). The same
 * leases as the caps: a crashed instance's streams stop counting when their leases run out.
 */
export async function withOpenStream(macs: string[]): Promise<Set<string>> {
  const open = new Set(macs.filter((m) => openStreamCount(m) > 0));
  const rest = macs.filter((m) => !open.has(m));
  const r = config().redisUrl ? redis() : null;
  if (!r || rest.length === 0) return open;
  const pipe = r.pipeline();
  for (const m of rest) pipe.eval(COUNT_LIVE, 1, keys({ identity: m, address: "" }).lease);
  const results = (await pipe.exec().catch((e: Error) => (log.warn("stream.presence_failed", { error: e.message }), []))) ?? [];
  results.forEach(([err, n], i) => {
    if (!err && Number(n) > 0) open.add(rest[i]);
  });
  return open;
}

// KEYS: identity lease. The identity's leases still running on Redis's clock.
const COUNT_LIVE = `${NOW}
return redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf')`;

/** Streams open in this instance (for tests and the log). */
export function openStreamCount(identity?: string) {
  const local = [...state.leased.values()];
  if (identity) return (state.byIdentity.get(identity)?.length ?? 0) + local.filter((e) => e.identity === identity).length;
  let n = local.length;
  for (const l of state.byIdentity.values()) n += l.length;
  return n;
}
