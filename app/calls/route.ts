import { withProgressUrl } from "@/lib/calls/progress-url";
import { listIncomingCalls } from "@/lib/calls/calls";
import { startDirectCall } from "@/lib/calls/create-call";
import { callsListQuery, directCallBody } from "@/lib/calls/input";
import { api, json, route } from "@/lib/http/handler";

// The callee's incoming calls since a push version, and direct calls to people by email (ref §2.5).
export const { GET, POST, OPTIONS } = api({
  GET: route({
    auth: "hawk-or-web",
    query: callsListQuery,
    handler: async ({ req, caller, query }) => json(withProgressUrl(req, await listIncomingCalls(caller.userMac, query.version))),
  }),
  POST: route({
    // an account, or a Hawk session holding a verified number (contract §9); checked in lib
    auth: "hawk-or-web",
    body: directCallBody,
    limits: ({ caller }) => [["DIRECT_CALL_PER_USER", caller.userMac]],
    handler: async ({ req, caller, body }) => json(withProgressUrl(req, await startDirectCall(caller, body))),
  }),
});
