/**
 * Participant presence timing (ref §4.5): a participation lives `expires` seconds; the page
 * refreshes at 90 % of it, and retries a failed refresh while time remains.
 */
export const REFRESH_FACTOR = 0.9;

export function refreshDelayMs(expiresSec: number) {
  const s = Number.isFinite(expiresSec) && expiresSec > 0 ? expiresSec : 300;
  return Math.max(1000, Math.floor(s * REFRESH_FACTOR * 1000));
}

/** After a failed refresh (network), when to try again; null when the participation is surely gone. */
export function retryDelayMs(expiresSec: number, elapsedSinceLastOkMs: number) {
  const left = expiresSec * 1000 - elapsedSinceLastOkMs;
  if (left <= 0) return null;
  return Math.max(1000, Math.min(5000, Math.floor(left / 3)));
}
