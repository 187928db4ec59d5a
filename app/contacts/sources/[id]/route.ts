import { z } from "zod";
import { api, json, noContent, route } from "@/lib/http/handler";
import { contactOwnerId } from "@/lib/contacts/contacts";
import { carddavSourcePatch, getSource, removeSource, updateCarddavSource } from "@/lib/contacts/sources";

const params = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "id is not a source id") });

export const { GET, PATCH, DELETE, OPTIONS } = api({
  GET: route({
    auth: "registered",
    params,
    handler: async ({ caller, params }) => json(await getSource(contactOwnerId(caller), params.id)),
  }),
  PATCH: route({
    auth: "registered",
    params,
    body: carddavSourcePatch,
    handler: async ({ caller, params, body }) => json(await updateCarddavSource(contactOwnerId(caller), params.id, body)),
  }),
  DELETE: route({
    auth: "registered",
    params,
    handler: async ({ caller, params }) => {
      await removeSource(contactOwnerId(caller), params.id);
      return noContent();
    },
  }),
});
