import { withProgressUrl } from "@/lib/calls/progress-url";
import type { CallerFor } from "@/lib/auth/caller";
import { type CallAccess, getCallStatus, hangUp } from "@/lib/calls/calls";
import { callIdParams } from "@/lib/calls/input";
import { api, json, noContent, route } from "@/lib/http/handler";

// One call, for either side: its state (GET) and hanging up (DELETE; the caller cancels).
export const { GET, DELETE, OPTIONS } = api({
  GET: route({
    auth: "bearer-or-hawk-or-web",
    params: callIdParams,
    handler: async ({ req, params, caller }) => json(withProgressUrl(req, await getCallStatus(params.callId, access(caller)))),
  }),
  DELETE: route({
    auth: "bearer-or-hawk-or-web",
    params: callIdParams,
    handler: async ({ params, caller }) => {
      await hangUp(params.callId, access(caller));
      return noContent();
    },
  }),
});

/**
 * A side proves itself with its progress token (`Authorization: Bearer <websocketToken>`; a
 * link caller may have no account at all), or with its Hawk session or web sign-in.
 */
function access(caller: CallerFor<"bearer-or-hawk-or-web">): CallAccess {
  return caller.kind === "bearer" ? { websocketToken: caller.token } : { userMac: caller.userMac };
}
