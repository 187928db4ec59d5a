import { api, noContent, route } from "@/lib/http/handler";
import { errors } from "@/lib/http/errors";
import { deleteHawkAccount, deleteWebAccount } from "@/lib/accounts/delete-account";

// ref §2.2 for Hawk sessions; for a web user, everything the user owns (contract §2.2).
export const { DELETE, OPTIONS } = api({
  DELETE: route({
    auth: "hawk-or-web",
    handler: async ({ caller }) => {
      if (caller.kind === "hawk") await deleteHawkAccount(caller);
      else if (caller.kind === "web") await deleteWebAccount(caller);
      else throw errors.unauthorized();
      return noContent();
    },
  }),
});
