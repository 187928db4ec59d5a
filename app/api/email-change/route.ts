import { z } from "zod";
import { emailSchema } from "@/lib/accounts/users";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password";
import { api, json, route } from "@/lib/http/handler";
import { localeOfHeaders } from "@/lib/i18n/locales";
import { cancelEmailChange, requestEmailChange } from "@/lib/identity/email";

// The account page's "Change e-mail" (contract §9, docs/identities.md): POST mails a link to
// the new address (current password required; 202 with the state, `pending` = the new
// address); DELETE cancels the change waiting for its link. Nothing changes until the link is used.
const body = z.object({
  email: emailSchema,
  password: z.string({ error: "password should be a string" }).max(PASSWORD_MAX_LENGTH, "password is too long"),
});

const userIdOf = (caller: { kind: string; userId?: string | null }) => (caller.kind === "web" && caller.userId ? caller.userId : "");

export const { POST, DELETE, OPTIONS } = api({
  POST: route({
    auth: "web",
    body,
    handler: async ({ req, caller, body, address }) =>
      json(await requestEmailChange(userIdOf(caller), body, address, localeOfHeaders(req.headers)), 202),
  }),
  DELETE: route({ auth: "web", handler: async ({ caller }) => json(await cancelEmailChange(userIdOf(caller))) }),
});
