import { api, route } from "@/lib/http/handler";
import { sseResponse } from "@/lib/events/sse";
import { openRoomEvents } from "@/lib/rooms/live";
import { roomTokenParams } from "@/lib/rooms/validate";

// Live room state for anyone holding the link (contract §6): the pre-join screen, and people
// in an OpenTok room (p2p participants get the same events on their signaling stream).
// Only what GET /rooms/{token} shows anyone: the context stays encrypted.
export const dynamic = "force-dynamic";

export const { GET, OPTIONS } = api({
  GET: route({
    auth: "none",
    params: roomTokenParams,
    handler: async ({ req, params }) => {
      await openRoomEvents.check(params.token);
      return sseResponse(req, (send, close) => openRoomEvents.watch(params.token, send, close));
    },
  }),
});
