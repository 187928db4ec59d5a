import { sql } from "./db";
import { storageProbe } from "./db/statements";
import { log } from "./log";
import { redis } from "./redis";
import { videoProvider } from "./video/provider";

const TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<T>((_, rej) => setTimeout(() => rej(new Error("timeout")), TIMEOUT_MS))]);
}

/** Probes storage, the video provider and (when configured) Redis. */
export async function checkHealth() {
  const checks: Record<string, boolean> = {};
  const failures: string[] = [];
  const probe = async (name: string, fn: () => Promise<unknown>) => {
    try {
      await withTimeout(fn());
      checks[name] = true;
    } catch (e) {
      checks[name] = false;
      // The answer names the failing part only; its error text (hosts, paths, driver
      // messages) goes to the log, never to whoever asked.
      failures.push(`${name} unavailable`);
      log.warn("health.check_failed", { part: name, error: e instanceof Error ? e.message.slice(0, 300) : String(e) });
    }
  };
  await Promise.all([
    probe("storage", async () => (await sql()).one(storageProbe)),
    probe("provider", async () => {
      if (!(await (await videoProvider()).health())) throw new Error("unreachable");
    }),
    ...(redis() ? [probe("redis", () => redis()!.ping())] : []),
  ]);
  return { checks, message: failures.length ? failures.join("; ") : undefined };
}
