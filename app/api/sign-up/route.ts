import { api, json, route } from "@/lib/http/handler";
import { signUp, signUpInput } from "@/lib/accounts/users";

// The sign-up page's form: creates a password account (201, the page then signs in with
// next-auth), or mails a claim for an address an unverified account holds (202 {pending, email}).
export const { POST, OPTIONS } = api({
  POST: route({
    body: signUpInput,
    handler: async ({ req, body }) => {
      const r = await signUp(body, req.headers);
      return r.pending ? json(r, 202) : json(r.user, 201);
    },
  }),
});
