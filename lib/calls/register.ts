import { sweepCallUrls } from "../call-urls/call-urls";
import { registerBackgroundTask } from "../server-start";
import { registerMembership } from "../video/membership";
import { isCallMember } from "./calls";
import { fireDueTimers, sweepCalls } from "./progress";

// Imported once from lib/sweepers.ts at server start: call-progress timers due on the row are
// fired every second (on whichever instance gets there first; the row lock makes it once),
// ended calls and expired call URLs are removed, and calls vouch for their media tokens on the
// p2p signaling relay.
registerBackgroundTask({
  name: "calls",
  everyMs: 1_000,
  run: async () => {
    await fireDueTimers();
    await sweepCalls();
  },
});
registerBackgroundTask({ name: "call-urls", everyMs: 60_000, run: sweepCallUrls });
registerMembership("call", isCallMember);
