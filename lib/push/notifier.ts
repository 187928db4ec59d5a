import { config } from "../config";
import { db } from "../db";
import { log } from "../log";

/**
 * SimplePush wake-ups (ref §2.2, contract §6): PUT `version=<n>` to every URL of a user's
 * topic, 5 s timeout each, a bounded number at once. Failures are logged and never fail the
 * request that caused them; endpoints answering 404/410 are gone and removed.
 */
export type PushTopic = "calls" | "rooms";

export async function notifyUser(userMac: string, topic: PushTopic, version: number): Promise<void> {
  const rows = await db().pushUrl.findMany({ where: { userMac, topic }, select: { id: true, url: true } });
  if (rows.length === 0) return;
  const { timeoutMs, concurrency } = config().push;
  const queue = [...rows];
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      try {
        const res = await fetch(row.url, {
          method: "PUT",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: `version=${version}`,
          signal: AbortSignal.timeout(timeoutMs),
          redirect: "error",
        });
        if (res.status === 404 || res.status === 410) {
          await db().pushUrl.deleteMany({ where: { id: row.id } });
          log.info("push.endpoint_gone", { topic, status: res.status });
        } else if (!res.ok) {
          log.warn("push.failed", { topic, status: res.status });
        }
        await res.body?.cancel().catch(() => {});
      } catch (e) {
        log.warn("push.failed", { topic, error: (e as Error).name });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
}

/** Fire-and-forget form for request handlers: the caller's answer never waits on push. */
export function notifyUserLater(userMac: string, topic: PushTopic, version: number) {
  void notifyUser(userMac, topic, version).catch((e) => log.warn("push.failed", { error: (e as Error).message }));
}
