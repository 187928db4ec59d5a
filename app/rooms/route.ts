import { api, json, route } from "@/lib/http/handler";
import { createRoom } from "@/lib/rooms/create";
import { bulkDeleteRooms } from "@/lib/rooms/delete";
import { listRooms } from "@/lib/rooms/read";
import { bulkDeleteInput, createRoomInput, listRoomsQuery } from "@/lib/rooms/validate";

// Rooms of the calling user (ref §2.6): create, list with ?version= deltas, bulk delete.
export const { GET, POST, PATCH, OPTIONS } = api({
  POST: route({
    auth: "hawk-or-web",
    body: createRoomInput,
    limits: ({ caller, address }) => [
      ["ROOM_CREATE_PER_USER", caller.userMac],
      ["ROOM_CREATE_PER_ADDRESS", address],
    ],
    handler: async ({ caller, body }) => {
      const created = await createRoom(caller.userMac, body);
      // The original flagged the plaintext name as deprecated in favour of `context`.
      const headers: Record<string, string> = body.roomName !== undefined ? { Alert: "roomName is deprecated: send an encrypted context." } : {};
      return json(created, 201, headers);
    },
  }),
  GET: route({
    auth: "hawk-or-web",
    query: listRoomsQuery,
    handler: async ({ caller, query }) => {
      return json(await listRooms(caller.userMac, query.version));
    },
  }),
  PATCH: route({
    auth: "hawk-or-web",
    body: bulkDeleteInput,
    handler: async ({ caller, body }) => {
      const r = await bulkDeleteRooms(caller.userMac, body.deleteRoomTokens);
      return json(r.body, r.status);
    },
  }),
});
