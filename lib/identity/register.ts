import { registerBackgroundTask } from "../server-start";
import { sweepVerificationLinks } from "./email";
import { sweepPhoneCodes } from "./phone";

// Imported once from lib/sweepers.ts at server start: spent links and codes go after an hour.
registerBackgroundTask({
  name: "identity-codes",
  everyMs: 10 * 60_000,
  run: async () => {
    await sweepVerificationLinks();
    await sweepPhoneCodes();
  },
});
