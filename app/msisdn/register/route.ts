import { clientAddress } from "@/lib/http/client-address";
import { api, noContent, route } from "@/lib/http/handler";
import { localeOfHeaders } from "@/lib/i18n/locales";
import { registerBody } from "@/lib/identity/input";
import { registerMsisdn } from "@/lib/identity/phone";

// Sends a 6-digit code by SMS to the number (contract §9): 204.
export const { POST, OPTIONS } = api({
  POST: route({
    auth: "hawk-or-web",
    body: registerBody,
    handler: async ({ req, caller, body }) => {
      await registerMsisdn(caller, body.msisdn, clientAddress(req.headers), localeOfHeaders(req.headers));
      return noContent();
    },
  }),
});
