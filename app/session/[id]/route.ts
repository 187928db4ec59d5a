import { api, noContent, route } from "@/lib/http/handler";
import { errors } from "@/lib/http/errors";
import { revokeSession, sessionIdParams } from "@/lib/accounts/sessions";

// The owner revokes one of their connected clients (id from GET /session).
export const { DELETE, OPTIONS } = api({
  DELETE: route({
    auth: "web",
    params: sessionIdParams,
    handler: async ({ caller, params }) => {
      if (caller.kind !== "web") throw errors.unauthorized();
      await revokeSession(caller.userId, params.id);
      return noContent();
    },
  }),
});
