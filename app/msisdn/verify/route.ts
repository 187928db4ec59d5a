import { api, json, route } from "@/lib/http/handler";
import { verifyBody } from "@/lib/identity/input";
import { verifyMsisdn } from "@/lib/identity/phone";

// The code typed back binds the number to the caller (contract §9): 200 {msisdn}.
export const { POST, OPTIONS } = api({
  POST: route({
    auth: "hawk-or-web",
    body: verifyBody,
    handler: async ({ caller, body }) => json(await verifyMsisdn(caller, body.msisdn, body.code)),
  }),
});
