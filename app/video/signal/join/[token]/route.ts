import { z } from "zod";
import { api, json, route } from "@/lib/http/handler";
import { sseResponse } from "@/lib/events/sse";
import { joinRoom } from "@/lib/rooms/join";
import { roomTokenParams } from "@/lib/rooms/validate";
import { openSignalStream, signalPeer } from "@/lib/video/relay";

// Our web client's join (docs/architecture.md, "Join on the signaling stream"): the room join of
// `POST /rooms/{token}` (same body, same checks, same errors) whose answer, in a p2p room, is
// the participant's signaling stream: a `joined` event carrying exactly what the room's join
// answers, then the stream of `GET /video/signal` (welcome, peer, …). One round trip instead
// of two. Other providers get the join's JSON answer as `POST /rooms/{token}` gives it.
export const dynamic = "force-dynamic";

export const { POST, OPTIONS } = api({
  POST: route({
    auth: "optional",
    params: roomTokenParams,
    // The join's own body ({displayName, clientMaxSize}; an `action` is ignored), checked by joinRoom.
    body: z.unknown(),
    tokenLookup: true,
    handler: async ({ req, params, caller, body }) => {
      const joined = await joinRoom(params.token, caller, body);
      if (joined.provider !== "p2p") return json(joined);
      // The seat was just taken: the token's holder is a member, no need to read it back.
      const peer = signalPeer(joined.sessionToken);
      return sseResponse(req, (send, close) => {
        send({ event: "joined", data: joined });
        return openSignalStream(peer, send, close);
      });
    },
  }),
});
