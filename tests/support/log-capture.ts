import { afterEach, beforeEach, vi } from "vitest";

/**
 * Captures the structured log (stdout, at level info) for each test of the calling file, and
 * returns `lastLog(event)`: the newest line of that event, parsed (throws when there is none).
 */
export function captureLog() {
  let logged: string[] = [];
  beforeEach(() => {
    logged = [];
    process.env.LOG_LEVEL = "info";
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.env.LOG_LEVEL = "warn";
  });
  return (event: string) => {
    const line = [...logged].reverse().find((l) => l.includes(`"event":"${event}"`));
    if (!line) throw new Error(`no ${event} in the log`);
    return JSON.parse(line) as Record<string, string>;
  };
}
