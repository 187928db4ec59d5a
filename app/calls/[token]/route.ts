import { callerMac } from "@/lib/auth/caller";
import { withProgressUrl } from "@/lib/calls/progress-url";
import { describeCallLink, startLinkCall } from "@/lib/calls/create-call";
import { callTokenParams, linkCallBody } from "@/lib/calls/input";
import { prefersHtml } from "@/lib/http/accept";
import { api, json, route } from "@/lib/http/handler";

// A call link as the person who opened it uses it (ref §2.5): who it calls, and placing the call.
export const { GET, POST, OPTIONS } = api({
  GET: route({
    params: callTokenParams,
    tokenLookup: true,
    handler: async ({ req, params }) => {
      // A browser opening the API address gets the link's page instead (contract §3).
      if (prefersHtml(req)) {
        return new Response(null, { status: 302, headers: { Location: `/c/${encodeURIComponent(params.token)}` } });
      }
      return json(await describeCallLink(params.token));
    },
  }),
  POST: route({
    auth: "optional",
    params: callTokenParams,
    body: linkCallBody,
    tokenLookup: true,
    // Calls on one link (so nobody buries its owner's incoming calls) and from one caller.
    limits: ({ caller, address, params }) => [
      ["LINK_CALL_PER_LINK", params.token],
      ["LINK_CALL_PER_CALLER", callerMac(caller) ?? address],
    ],
    handler: async ({ req, caller, params, body }) => json(withProgressUrl(req, await startLinkCall(params.token, caller, body))),
  }),
});
