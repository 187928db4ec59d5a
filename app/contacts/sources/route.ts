import { api, json, route } from "@/lib/http/handler";
import { contactOwnerId } from "@/lib/contacts/contacts";
import { addCarddavSource, carddavSourceInput, listSources } from "@/lib/contacts/sources";

export const { GET, POST, OPTIONS } = api({
  GET: route({
    auth: "registered",
    handler: async ({ caller }) => json({ sources: await listSources(contactOwnerId(caller)) }),
  }),
  POST: route({
    auth: "registered",
    body: carddavSourceInput,
    handler: async ({ caller, body }) => json(await addCarddavSource(contactOwnerId(caller), body), 201),
  }),
});
