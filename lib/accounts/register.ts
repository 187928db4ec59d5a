import { registerBackgroundTask } from "../server-start";
import { sweepExpiredSessions } from "./sweep-sessions";

// Imported once from lib/sweepers.ts at server start: Hawk sessions unused for 30 days go,
// with their push URLs.
registerBackgroundTask({ name: "hawk-sessions", everyMs: 60_000, run: sweepExpiredSessions });
