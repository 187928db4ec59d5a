import { randomBytes } from "node:crypto";
import { config } from "../config";
import { log } from "../log";
import { processState } from "../process-state";
import { redis } from "../redis";

/**
 * Which identities have an open `GET /events` stream right now, on any instance (contract §9:
 * a phone-only session is reachable with a `calls` push URL or an open event stream).
 *
 * In this process a count per userMac; with REDIS_URL, a sorted set per userMac
 * (`loop:streams:<userMac>`) whose members are the open streams, each scored with the time it
 * stops counting. A stream refreshes its entry every REFRESH_MS while open and removes it when
 * it ends; an instance that dies without closing its streams stops counting after TTL_MS.
 * The feed's own bus subscription is no measure of this: it outlives its stream by minutes so
 * that a reconnecting EventSource can resume.
 */
const TTL_MS = 60_000;
const REFRESH_MS = 20_000;

const local = processState("streamPresence", () => ({ counts: new Map<string, number>() }));
const key = (userMac: string) => `loop:streams:${userMac}`;
const shared = () => (config().redisUrl ? redis() : null);

/**
 * Counts a stream of `userMac` as open (awaited, so a call placed right after the stream's
 * response started sees it); the returned function ends it.
 */
export async function markStreamOpen(userMac: string): Promise<() => void> {
  local.counts.set(userMac, (local.counts.get(userMac) ?? 0) + 1);
  const r = shared();
  const member = randomBytes(8).toString("hex");
  let timer: ReturnType<typeof setInterval> | undefined;
  if (r) {
    const touch = async () => {
      const now = Date.now();
      await r
        .multi()
        .zremrangebyscore(key(userMac), 0, now)
        .zadd(key(userMac), now + TTL_MS, member)
        .pexpire(key(userMac), TTL_MS)
        .exec();
    };
    await touch().catch((e: Error) => log.warn("events.presence_failed", { error: e.message }));
    timer = setInterval(() => void touch().catch(() => {}), REFRESH_MS);
    timer.unref?.();
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const n = (local.counts.get(userMac) ?? 1) - 1;
    if (n > 0) local.counts.set(userMac, n);
    else local.counts.delete(userMac);
    if (timer) clearInterval(timer);
    if (r) void r.zrem(key(userMac), member).catch(() => {});
  };
}

/** The userMacs among `macs` that have an open event stream on some instance. */
export async function withOpenStream(macs: string[]): Promise<Set<string>> {
  const open = new Set(macs.filter((m) => (local.counts.get(m) ?? 0) > 0));
  const r = shared();
  const rest = macs.filter((m) => !open.has(m));
  if (!r || rest.length === 0) return open;
  const now = Date.now();
  const pipe = r.pipeline();
  for (const m of rest) pipe.zcount(key(m), now, "+inf");
  const results = (await pipe.exec()) ?? [];
  results.forEach(([err, n], i) => {
    if (!err && Number(n) > 0) open.add(rest[i]);
  });
  return open;
}
