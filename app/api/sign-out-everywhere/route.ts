import { signOutEverywhere } from "@/lib/accounts/web-sign-out";
import { errors } from "@/lib/http/errors";
import { api, noContent, route } from "@/lib/http/handler";

// The account page's "Sign out everywhere": every web session of this user (other browsers
// too) and every connected client stop working at once; open event streams close within
// STREAM_RECHECK_SEC.
export const { POST, OPTIONS } = api({
  POST: route({
    auth: "web",
    handler: async ({ caller }) => {
      if (caller.kind !== "web") throw errors.unauthorized("Sign in first.", "Cookie");
      await signOutEverywhere(caller.userId);
      return noContent();
    },
  }),
});
