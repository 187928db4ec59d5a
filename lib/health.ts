import { db } from "./db";
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
      failures.push(`${name}: ${(e as Error).message}`);
    }
  };
  await Promise.all([
    probe("storage", () => db().$queryRawUnsafe("SELECT 1")),
    probe("provider", async () => {
      if (!(await (await videoProvider()).health())) throw new Error("unreachable");
    }),
    ...(redis() ? [probe("redis", () => redis()!.ping())] : []),
  ]);
  return { checks, message: failures.length ? failures.join("; ") : undefined };
}
