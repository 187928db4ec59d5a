import type { BackgroundTask } from "../background-task";
import { sweepExpiredSessions } from "./sweep-sessions";
import { sweepRevokedWebSessions } from "./web-sign-out";

// Run by lib/server-start.ts: Hawk sessions unused for 30 days go, with their push URLs;
// revoked web sessions are forgotten once their cookies have expired.
export const accountTasks: BackgroundTask[] = [
  { name: "hawk-sessions", everyMs: 60_000, run: sweepExpiredSessions },
  { name: "revoked-web-sessions", everyMs: 10 * 60_000, run: sweepRevokedWebSessions },
];
