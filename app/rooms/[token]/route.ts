import { prefersHtml } from "@/lib/http/accept";
import { api, json, noContent, route } from "@/lib/http/handler";
import { deleteRoom } from "@/lib/rooms/delete";
import { joinRoom } from "@/lib/rooms/join";
import { leaveRoom, logSharedDomains, refreshParticipation, reportStatus } from "@/lib/rooms/participation";
import { getRoom } from "@/lib/rooms/read";
import { roomUrl } from "@/lib/rooms/room-info";
import { updateRoom } from "@/lib/rooms/update";
import { ROOM_TOKEN, roomActionInput, roomTokenParams, updateRoomInput } from "@/lib/rooms/validate";

// One room (ref §2.6): public or full info, owner changes and delete, and the participant
// actions join / refresh / status / leave / logDomain.

export const { GET, PATCH, DELETE, POST, OPTIONS } = api({
  GET: route({
    auth: "optional",
    params: roomTokenParams,
    tokenLookup: true,
    handler: async ({ req, params, caller }) => {
      // A browser opening the API URL of a room is sent to the room's page (contract §3 Δ).
      if (prefersHtml(req) && ROOM_TOKEN.test(params.token)) {
        return new Response(null, { status: 302, headers: { Location: roomUrl(params.token) } });
      }
      return json(await getRoom(params.token, caller));
    },
  }),
  PATCH: route({
    auth: "hawk-or-web",
    params: roomTokenParams,
    body: updateRoomInput,
    handler: async ({ params, caller, body }) => json(await updateRoom(params.token, caller, body)),
  }),
  DELETE: route({
    auth: "hawk-or-web",
    params: roomTokenParams,
    handler: async ({ params, caller }) => {
      await deleteRoom(params.token, caller);
      return noContent();
    },
  }),
  POST: route({
    // Each action checks its own body after the room and the credentials (ref §2.6 order).
    auth: "optional",
    params: roomTokenParams,
    body: roomActionInput,
    tokenLookup: true,
    handler: async ({ params, caller, body }) => {
      switch (body.action) {
        case "join":
          return json(await joinRoom(params.token, caller, body));
        case "refresh":
          return json(await refreshParticipation(params.token, caller));
        case "status":
          await reportStatus(params.token, caller, body);
          return noContent();
        case "leave":
          await leaveRoom(params.token, caller);
          return noContent();
        case "logDomain":
          await logSharedDomains(params.token, caller, body);
          return noContent();
      }
    },
  }),
});
