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
    auth: "registered",
    body: directCallBody,
    handler: async ({ req, caller, body }) => json(withProgressUrl(req, await startDirectCall(caller, body))),
  }),
});
