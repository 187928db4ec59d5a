import { config } from "./config";
import { migrateAndLog } from "./db/migrate";
import { log } from "./log";

type Task = { name: string; everyMs: number; run: () => Promise<unknown> };
const tasks: Task[] = [];

/** Background work (expiry sweepers) registers here; it runs on a timer once started. */
export function registerBackgroundTask(task: Task) {
  tasks.push(task);
}

let started = false;

export async function startServer() {
  if (started) return;
  started = true;
  const c = config();
  await migrateAndLog(c.database.url);
  log.info("server.start", {
    publicUrl: c.publicUrl,
    database: c.database.dialect,
    provider: c.opentok ? "opentok" : "p2p",
    events: c.redisUrl ? "redis" : "memory",
  });
  const { registerSweepers } = await import("./sweepers");
  registerSweepers();
  for (const t of tasks) {
    const timer = setInterval(() => {
      t.run().catch((e) => log.error("background.failed", { task: t.name, error: (e as Error).message }));
    }, t.everyMs);
    timer.unref();
  }
}
