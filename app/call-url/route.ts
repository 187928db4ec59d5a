import { createCallUrl, listCallUrls } from "@/lib/call-urls/call-urls";
import { createCallUrlBody } from "@/lib/call-urls/input";
import { api, json, route } from "@/lib/http/handler";

// Call URLs of the signed-in owner (ref §2.4; POST works again, contract §3).
export const { GET, POST, OPTIONS } = api({
  GET: route({
    auth: "hawk-or-web",
    handler: async ({ caller }) => json(await listCallUrls(caller.userMac)),
  }),
  POST: route({
    auth: "hawk-or-web",
    body: createCallUrlBody,
    limits: ({ caller, address }) => [
      ["CALL_URL_CREATE_PER_USER", caller.userMac],
      ["CALL_URL_CREATE_PER_ADDRESS", address],
    ],
    handler: async ({ caller, body }) => json(await createCallUrl(caller.userMac, body)),
  }),
});
