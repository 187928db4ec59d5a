/**
 * The page clock's marks of a join (window.__loopDebug.marks, read by `npm run bench:join` and
 * by tests): each phase of the path from the Join click to the first frame stamps
 * `performance.now()` once. Diagnostics only; nothing reads them in the product.
 */
type Host = { __loopDebug?: { marks: Record<string, number>; peerConnections(): RTCPeerConnection[]; log(): string[] } };

export function markOnce(name: string) {
  if (typeof window === "undefined") return;
  const host = window as unknown as Host;
  host.__loopDebug ??= { marks: {}, peerConnections: () => [], log: () => [] };
  host.__loopDebug.marks[name] ??= performance.now();
}

/**
 * Test switch (localStorage `loop.debug.glare` = "1"): both sides of a new link make their
 * offer at once and hold it back a moment before sending, so the two offers cross. Used by the
 * forced-glare e2e test; nobody sets it in normal use.
 */
export function forcedGlare(): boolean {
  try {
    return typeof window !== "undefined" && window.localStorage.getItem("loop.debug.glare") === "1";
  } catch {
    return false;
  }
}

/** A new join starts a new set of marks. */
export function resetMarks() {
  if (typeof window === "undefined") return;
  const host = window as unknown as Host;
  if (host.__loopDebug) for (const k of Object.keys(host.__loopDebug.marks)) delete host.__loopDebug.marks[k];
}

/**
 * Test switch for A/B measurements (localStorage `loop.debug.trial`, set per run by `BENCH_AB`
 * in `npm run bench:join`): "classic" joins the old way (POST /rooms/{token}, then the
 * signaling stream; no warm peer connection), so the before and after of issue 16 are measured
 * under the same load. Other values are free for the next trial. Nobody sets it in normal use.
 */
export function trialVariant(): string | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage.getItem("loop.debug.trial");
  } catch {
    return null;
  }
}
