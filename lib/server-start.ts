import { config } from "./config";
import { migrateAndLog } from "./db/migrate";
import { securePrivateFiles } from "./file-modes";
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
  if (c.testClockFile) log.warn("clock.test_offset_file", { file: c.testClockFile, note: "LOOP_TEST_CLOCK_FILE is for tests only" });
  securePrivateFiles(c);
  try {
    await migrateAndLog(c.database.url);
    securePrivateFiles(c);
  } catch (e) {
    // Serve anyway: the heartbeat reports storage down and API routes answer 503 / 201 until
    // the database is back; keep trying to migrate, then start the background work.
    log.error("db.migrate_failed", { error: (e as Error).message, retryInSec: 5 });
    const retry = setInterval(() => {
      migrateAndLog(c.database.url)
        .then(() => {
          clearInterval(retry);
          log.info("db.migrate_recovered");
          startBackground();
        })
        .catch(() => {});
    }, 5000);
    retry.unref();
    return;
  }
  log.info("server.start", {
    publicUrl: c.publicUrl,
    database: c.database.dialect,
    provider: c.opentok ? "opentok" : "p2p",
    events: c.redisUrl ? "redis" : "memory",
  });
  await startBackground();
}

let backgroundStarted = false;

async function startBackground() {
  if (backgroundStarted) return;
  backgroundStarted = true;
  const { registerSweepers } = await import("./sweepers");
  registerSweepers();
  for (const t of tasks) {
    const timer = setInterval(() => {
      t.run().catch((e) => log.error("background.failed", { task: t.name, error: (e as Error).message }));
    }, t.everyMs);
    timer.unref();
  }
}
