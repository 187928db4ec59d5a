import type { BackgroundTask } from "../background-task";
import { syncDueSources } from "./sources";

// Run by lib/server-start.ts: scheduled syncs of CardDAV address books
// (CONTACTS_SYNC_INTERVAL_MIN, jittered). A pass still running when the timer fires again is
// not doubled; across instances the lease row in ContactSource makes each sync run once.
let running = false;
export const contactTasks: BackgroundTask[] = [
  {
    name: "contact-sources",
    everyMs: 60_000,
    run: async () => {
      if (running) return;
      running = true;
      try {
        await syncDueSources();
      } finally {
        running = false;
      }
    },
  },
];
