import type { BackgroundTask } from "../background-task";
import { sweepVerificationLinks } from "./email";
import { sweepPhoneCodes } from "./phone";

// Run by lib/server-start.ts: spent links and codes go after an hour.
export const identityTasks: BackgroundTask[] = [
  {
    name: "identity-codes",
    everyMs: 10 * 60_000,
    run: async () => {
      await sweepVerificationLinks();
      await sweepPhoneCodes();
    },
  },
];
