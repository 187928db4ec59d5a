/**
 * Call progress only moves forward (ref §3 states). The reply to our `hello` carries the state
 * *before* that hello and can arrive after newer progress events on the stream; applying it
 * would make the display go backwards ("Calling…" after "Ringing…").
 */
const RANK: Record<string, number> = {
  init: 0,
  alerting: 1,
  connecting: 2,
  "half-connected": 3,
  connected: 4,
  terminated: 5,
};

/** Whether `next` should replace `current`; unknown states are accepted (clients must tolerate them). */
export function isProgressForward(current: string, next: string): boolean {
  const a = RANK[current];
  const b = RANK[next];
  if (a === undefined || b === undefined) return true;
  return b >= a;
}
