import { z } from "zod";
import { api, json, noContent, route } from "@/lib/http/handler";
import { contactOwnerId, contactPatch, removeContact, updateContact } from "@/lib/contacts/contacts";

const params = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "id is not a contact id") });

export const { PATCH, DELETE, OPTIONS } = api({
  PATCH: route({
    auth: "registered",
    params,
    body: contactPatch,
    handler: async ({ caller, params, body }) => json(await updateContact(contactOwnerId(caller), params.id, body)),
  }),
  DELETE: route({
    auth: "registered",
    params,
    handler: async ({ caller, params }) => {
      await removeContact(contactOwnerId(caller), params.id);
      return noContent();
    },
  }),
});
