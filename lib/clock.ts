/**
 * The one source of time for rules that expire things. Tests swap it for a manual clock
 * instead of sleeping.
 */
export interface Clock {
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

let current: Clock = systemClock;

// A process-wide clock installed at server start (LOOP_TEST_CLOCK_FILE): on globalThis, so
// every route bundle of the process sees the same time.
const shared = globalThis as typeof globalThis & { __loopSharedClock?: Clock };

export const clock = {
  nowMs: () => (shared.__loopSharedClock ?? current).nowMs(),
  /** Unix seconds, the unit of the Loop wire format. */
  nowSec: () => Math.floor(current.nowMs() / 1000),
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

/** Server start with LOOP_TEST_CLOCK_FILE: every bundle of the process reads this clock. */
export function installProcessClock(c: Clock) {
  shared.__loopSharedClock = c;
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
