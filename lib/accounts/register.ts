import { registerBackgroundTask } from "../server-start";
import { sweepExpiredSessions } from "./sweep-sessions";
import { sweepRevokedWebSessions } from "./web-sign-out";

// Imported once from lib/sweepers.ts at server start: Hawk sessions unused for 30 days go,
// with their push URLs.
registerBackgroundTask({ name: "hawk-sessions", everyMs: 60_000, run: sweepExpiredSessions });
registerBackgroundTask({ name: "revoked-web-sessions", everyMs: 10 * 60_000, run: sweepRevokedWebSessions });
