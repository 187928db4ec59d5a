import { revokeCallUrl, updateCallUrl } from "@/lib/call-urls/call-urls";
import { callTokenParams, updateCallUrlBody } from "@/lib/call-urls/input";
import { api, json, noContent, route } from "@/lib/http/handler";

// One call URL: the owner extends or changes it, or revokes it (ref §2.4).
export const { PUT, DELETE, OPTIONS } = api({
  PUT: route({
    auth: "hawk-or-web",
    params: callTokenParams,
    body: updateCallUrlBody,
    handler: async ({ caller, params, body }) => json(await updateCallUrl(caller.userMac, params.token, body)),
  }),
  DELETE: route({
    auth: "hawk-or-web",
    params: callTokenParams,
    handler: async ({ caller, params }) => {
      await revokeCallUrl(caller.userMac, params.token);
      return noContent();
    },
  }),
});
