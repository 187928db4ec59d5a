import { z } from "zod";
import { api, json, route } from "@/lib/http/handler";
import { contactOwnerId } from "@/lib/contacts/contacts";
import { syncSource } from "@/lib/contacts/sources";

const params = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "id is not a source id") });

export const { POST, OPTIONS } = api({
  POST: route({
    auth: "registered",
    params,
    handler: async ({ caller, params }) => json(await syncSource(contactOwnerId(caller), params.id)),
  }),
});
