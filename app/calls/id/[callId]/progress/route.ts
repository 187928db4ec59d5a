import { z } from "zod";
import { callIdParams } from "@/lib/calls/input";
import { attachDevice, authenticateDevice, type FrameResult, postProgressMessage } from "@/lib/calls/progress-devices";
import { sseResponse } from "@/lib/events/sse";
import { errno } from "@/lib/http/errors";
import { api, json, route } from "@/lib/http/handler";

export const dynamic = "force-dynamic";

// Call progress (contract §6, ref §3): GET is one device's event stream, POST carries its
// hello/action/echo messages. Protocol: docs/call-progress.md.
export const { GET, POST, OPTIONS } = api({
  GET: route({
    auth: "bearer",
    params: callIdParams,
    query: z.object({ token: z.string().optional() }),
    handler: async ({ req, params, caller }) => {
      const token = caller.token;
      const who = await authenticateDevice(params.callId, token);
      if ("ok" in who) return failure(who);
      // The stream lives as long as the call does (re-checked, contract §6).
      return sseResponse(req, (send, close) => attachDevice(params.callId, who.side, send, close, who.tag), {
        recheck: async () => !("ok" in (await authenticateDevice(params.callId, token))),
      });
    },
  }),
  POST: route({
    auth: "bearer",
    params: callIdParams,
    body: z.unknown(),
    handler: async ({ params, body, caller }) => {
      const r = await postProgressMessage(params.callId, caller.token, body);
      if (!r.ok) return failure(r);
      return r.reply ? json(r.reply) : new Response(null, { status: 204 });
    },
  }),
});

/** A Loop error body that is also the original's `error` message (`reason` verbatim). */
function failure(r: FrameResult & { ok: false }) {
  const no =
    r.status === 401
      ? errno.INVALID_AUTH_TOKEN
      : r.status === 404
        ? errno.INVALID_TOKEN
        : r.status === 503
          ? errno.BACKEND
          : r.reason.startsWith("Missing parameters")
            ? errno.MISSING_PARAMETERS
            : errno.INVALID_PARAMETERS;
  const headers: Record<string, string> = r.status === 401 ? { "WWW-Authenticate": "Bearer" } : {};
  return json({ code: r.status, errno: no, error: r.reason, messageType: "error", reason: r.reason }, r.status, headers);
}
