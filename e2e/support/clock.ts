import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The e2e server's injected clock (scripts/e2e-server.mjs sets LOOP_TEST_CLOCK_FILE): tests
 * move its time forward, e.g. past a room's expiry, without waiting. Reset after use.
 */
const file = () => join(tmpdir(), `loop-e2e-clock-${process.env.E2E_PORT ?? 3210}`);

export function setServerClockOffset(ms: number) {
  writeFileSync(file(), String(Math.round(ms)));
}
