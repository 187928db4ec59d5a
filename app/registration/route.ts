import { api, route } from "@/lib/http/handler";
import { errors } from "@/lib/http/errors";
import {
  pushUrlsFrom,
  registerDevice,
  registrationBody,
  registrationQuery,
  unregisterDevice,
} from "@/lib/accounts/registration";

// ref §2.2: a client that does not accept JSON is refused (406 / 106), as the original.
function acceptsJson(req: Request) {
  const accept = req.headers.get("accept");
  return !accept || /json|\*\/\*|application\/\*/i.test(accept);
}

export const { POST, DELETE, OPTIONS } = api({
  POST: route({
    auth: "hawk-or-none",
    body: registrationBody,
    query: registrationQuery,
    // A new anonymous session (no credentials) is what costs: count those per address.
    limits: ({ caller, address }) => (caller.kind === "anonymous" ? [["REGISTRATION_PER_ADDRESS", address]] : []),
    handler: async ({ req, caller, body, query }) => {
      if (!acceptsJson(req)) throw errors.notAcceptable();
      const urls = await pushUrlsFrom(body, query);
      const { sessionToken } = await registerDevice(caller, urls);
      return new Response(null, { status: 200, headers: sessionToken ? { "Hawk-Session-Token": sessionToken } : {} });
    },
  }),
  DELETE: route({
    auth: "hawk",
    handler: async ({ caller }) => {
      await unregisterDevice(caller.sessionHmac);
      return new Response(null, { status: 204 });
    },
  }),
});
