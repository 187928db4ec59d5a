import { accountTasks } from "./accounts/background";
import type { BackgroundTask } from "./background-task";
import { callTasks } from "./calls/background";
import { registerCallMembership } from "./calls/membership";
import { config } from "./config";
import { contactTasks } from "./contacts/background";
import { migrateAndLog } from "./db/migrate";
import { securePrivateFiles } from "./file-modes";
import { identityTasks } from "./identity/background";
import { log } from "./log";
import { roomTasks } from "./rooms/background";
import { registerRoomMembership } from "./rooms/membership";

/**
 * Server start-up, run once per process from instrumentation.ts: check the configuration,
 * let rooms and calls vouch for their members on the p2p signaling relay, apply migrations,
 * then run every domain's background tasks on their timers (`backgroundTasks`).
 */
export const backgroundTasks: BackgroundTask[] = [...accountTasks, ...roomTasks, ...callTasks, ...identityTasks, ...contactTasks];

let started = false;

export async function startServer() {
  if (started) return;
  started = true;
  const c = config();
  // The registries live on globalThis, so the route bundles of this process see them.
  registerRoomMembership();
  registerCallMembership();
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
  for (const t of backgroundTasks) {
    const timer = setInterval(() => {
      t.run().catch((e) => log.error("background.failed", { task: t.name, error: (e as Error).message }));
    }, t.everyMs);
    timer.unref();
  }
}
