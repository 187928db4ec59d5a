import { withProgressUrl } from "@/lib/calls/progress-url";
import { callerMac, resolveCaller } from "@/lib/auth/caller";
import { type CallAccess, getCallStatus, hangUp } from "@/lib/calls/calls";
import { callIdParams } from "@/lib/calls/input";
import { api, json, noContent, route } from "@/lib/http/handler";

// One call, for either side: its state (GET) and hanging up (DELETE; the caller cancels).
export const { GET, DELETE, OPTIONS } = api({
  GET: route({
    params: callIdParams,
    handler: async ({ req, params }) => json(withProgressUrl(req, await getCallStatus(params.callId, await access(req)))),
  }),
  DELETE: route({
    params: callIdParams,
    handler: async ({ req, params }) => {
      await hangUp(params.callId, await access(req));
      return noContent();
    },
  }),
});

/**
 * A side proves itself with its progress token (`Authorization: Bearer <websocketToken>`; a
 * link caller may have no account at all), or with its Hawk session or web sign-in.
 */
async function access(req: Request): Promise<CallAccess> {
  const h = req.headers.get("authorization");
  if (h && /^bearer\s/i.test(h)) return { websocketToken: h.slice(7).trim() };
  const url = new URL(req.url);
  const caller = await resolveCaller(
    { method: req.method, url: url.pathname + url.search, host: req.headers.get("host") ?? url.host, headers: req.headers, rawBody: "" },
    "hawk-or-web",
  );
  return { userMac: callerMac(caller) };
}
