import { api, json, route } from "@/lib/http/handler";
import { listMsisdns } from "@/lib/identity/phone";

// The caller's verified phone numbers (contract §9).
export const { GET, OPTIONS } = api({
  GET: route({ auth: "hawk-or-web", handler: async ({ caller }) => json(await listMsisdns(caller)) }),
});
