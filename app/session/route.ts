import { api, json, noContent, route } from "@/lib/http/handler";
import { endSession, listSessions, mintSessionBody, mintSessionForUser } from "@/lib/accounts/sessions";

export const { GET, POST, DELETE, OPTIONS } = api({
  // A signed-in browser mints a Hawk session for a desktop or scripted client (contract §2.2).
  POST: route({
    auth: "web",
    body: mintSessionBody,
    handler: async ({ caller, body }) => {
      const s = await mintSessionForUser(caller, body.label);
      return json(s, 201, { "Hawk-Session-Token": s.hawkSessionToken });
    },
  }),
  // The owner's connected clients.
  GET: route({
    auth: "web",
    handler: async ({ caller }) => {
      return json({ sessions: await listSessions(caller.userId) });
    },
  }),
  // ref §2.2: a registered Hawk session ends itself; anonymous → 403 / 110.
  DELETE: route({
    auth: "hawk",
    handler: async ({ caller }) => {
      await endSession(caller);
      return noContent();
    },
  }),
});
