import { z } from "zod";
import { api, noContent, route } from "@/lib/http/handler";
import { sseResponse } from "@/lib/events/sse";
import { authorizeSignal, openSignalStream, sendSignal, signalMessage } from "@/lib/video/relay";

// p2p signaling relay (contract §5): an event stream per participant, and POSTs addressed to
// another participant of the same media session. Authorised by the participant's sessionToken.
export const dynamic = "force-dynamic";

const tokenQuery = z.object({ token: z.string().optional() });

export const { GET, POST, OPTIONS } = api({
  GET: route({
    auth: "bearer",
    query: tokenQuery,
    handler: async ({ req, caller }) => {
      const peer = await authorizeSignal(caller.token);
      return sseResponse(req, (send, close) => openSignalStream(peer, send, close));
    },
  }),
  POST: route({
    auth: "bearer",
    query: tokenQuery,
    body: signalMessage,
    handler: async ({ caller, body }) => {
      const peer = await authorizeSignal(caller.token);
      await sendSignal(peer, body);
      return noContent();
    },
  }),
});
