import { readFileSync } from "node:fs";

/**
 * The one source of time for rules that expire things. Tests swap it for a manual clock
 * instead of sleeping.
 */
export interface Clock {
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

let current: Clock = systemClock;

// Tests only (LOOP_TEST_CLOCK_FILE, see lib/config.ts): the system clock plus an offset read
// from a file. Read here rather than installed at start-up, so every route bundle of the
// process (each has its own copy of this module) follows the same file.
let fileClock: Clock | null | undefined;
function testClock(): Clock | null {
  if (fileClock === undefined) {
    const path = typeof process !== "undefined" ? process.env.LOOP_TEST_CLOCK_FILE : undefined;
    fileClock = path ? offsetFileClock(path, (p) => readFileSync(p, "utf8")) : null;
  }
  return fileClock;
}

export const clock = {
  nowMs: () => (current !== systemClock ? current : (testClock() ?? current)).nowMs(),
  /** Unix seconds, the unit of the Loop wire format. */
  nowSec: () => Math.floor(clock.nowMs() / 1000),
};

export function setClock(c: Clock) {
  current = c;
}

/** A clock that moves only when told to. */
export function manualClock(startMs = Date.UTC(2026, 0, 1)) {
  let t = startMs;
  return {
    nowMs: () => t,
    advance(ms: number) {
      t += ms;
    },
    set(ms: number) {
      t = ms;
    },
  };
}

/**
 * The system clock plus an offset in milliseconds read from a file (re-read at most every
 * 200 ms; missing or unreadable → 0). End-to-end tests move the server's time forward with
 * it, so a room expires without waiting an hour.
 */
export function offsetFileClock(path: string, read: (p: string) => string): Clock {
  let offset = 0;
  let readAt = Number.NEGATIVE_INFINITY;
  return {
    nowMs() {
      const now = Date.now();
      if (now - readAt >= 200) {
        readAt = now;
        try {
          offset = Number(read(path).trim()) || 0;
        } catch {
          offset = 0;
        }
      }
      return now + offset;
    },
  };
}
