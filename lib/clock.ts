/**
 * The one source of time for rules that expire things. Tests swap it for a manual clock
 * instead of sleeping.
 */
export interface Clock {
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

let current: Clock = systemClock;

export const clock = {
  nowMs: () => current.nowMs(),
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
