import { api, json, route } from "@/lib/http/handler";
import { contactOwnerId } from "@/lib/contacts/contacts";
import { importContacts, importInput } from "@/lib/contacts/import";

export const { POST, OPTIONS } = api({
  POST: route({
    auth: "registered",
    body: importInput,
    handler: async ({ caller, body }) => json(await importContacts(contactOwnerId(caller), body)),
  }),
});
