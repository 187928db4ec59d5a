import { api, json, route } from "@/lib/http/handler";
import { addContact, contactInput, contactOwnerId, listContacts } from "@/lib/contacts/contacts";

export const { GET, POST, OPTIONS } = api({
  GET: route({
    auth: "registered",
    handler: async ({ caller }) => json({ contacts: await listContacts(contactOwnerId(caller)) }),
  }),
  POST: route({
    auth: "registered",
    body: contactInput,
    handler: async ({ caller, body }) => json(await addContact(contactOwnerId(caller), body), 201),
  }),
});
