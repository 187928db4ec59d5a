import { afterEach, beforeEach } from "vitest";
import { manualClock, setClock, systemClock } from "@/lib/clock";

/**
 * Every test of the calling file runs on a manual clock set back to `startMs` before it (then
 * `before`, e.g. clearing the rows timers and sweeps act on), and on the system clock again
 * after it. Returns that clock, for the tests to advance.
 */
export function manualClockPerTest(startMs = Date.UTC(2026, 0, 1), before?: () => unknown) {
  const clock = manualClock(startMs);
  beforeEach(async () => {
    clock.set(startMs);
    setClock(clock);
    await before?.();
  });
  afterEach(() => setClock(systemClock));
  return clock;
}
