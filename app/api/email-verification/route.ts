import { clientAddress } from "@/lib/http/client-address";
import { api, json, route } from "@/lib/http/handler";
import { localeOfHeaders } from "@/lib/i18n/locales";
import { emailState, resendVerification } from "@/lib/identity/email";

// The signed-in user's e-mail state (GET) and "send the link again" (POST, throttled → 429 / 116).
export const { GET, POST, OPTIONS } = api({
  GET: route({ auth: "web", handler: async ({ caller }) => json(await emailState(caller.kind === "web" ? caller.userId : "")) }),
  POST: route({
    auth: "web",
    handler: async ({ req, caller }) =>
      json(await resendVerification(caller.kind === "web" ? caller.userId : "", clientAddress(req.headers), localeOfHeaders(req.headers))),
  }),
});
