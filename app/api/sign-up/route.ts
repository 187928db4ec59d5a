import { api, json, route } from "@/lib/http/handler";
import { signUp, signUpInput } from "@/lib/accounts/users";

// The sign-up page's form: creates a password account (the page then signs in with next-auth).
export const { POST, OPTIONS } = api({
  POST: route({
    body: signUpInput,
    handler: async ({ req, body }) => json(await signUp(body, req.headers), 201),
  }),
});
