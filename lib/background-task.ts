/** Work a domain needs done on a timer while the server runs (expiry sweepers, syncs). */
export type BackgroundTask = { name: string; everyMs: number; run: () => Promise<unknown> };
