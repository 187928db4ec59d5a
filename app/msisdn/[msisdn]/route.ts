import { api, noContent, route } from "@/lib/http/handler";
import { msisdnParams } from "@/lib/identity/input";
import { deleteMsisdn } from "@/lib/identity/phone";

// The caller gives a number up (contract §9): 204; a number it does not hold → 404 / 999.
export const { DELETE, OPTIONS } = api({
  DELETE: route({
    auth: "hawk-or-web",
    params: msisdnParams,
    handler: async ({ caller, params }) => {
      await deleteMsisdn(caller, params.msisdn);
      return noContent();
    },
  }),
});
