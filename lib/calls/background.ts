import type { BackgroundTask } from "../background-task";
import { sweepCallUrls } from "../call-urls/call-urls";
import { fireDueTimers, sweepCalls } from "./progress";

// Run by lib/server-start.ts: call-progress timers due on the row are fired every second (on
// whichever instance gets there first; the row lock makes it once), ended calls and expired
// call URLs are removed.
export const callTasks: BackgroundTask[] = [
  {
    name: "calls",
    everyMs: 1_000,
    run: async () => {
      await fireDueTimers();
      await sweepCalls();
    },
  },
  { name: "call-urls", everyMs: 60_000, run: sweepCallUrls },
];
