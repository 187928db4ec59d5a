import { api, json, route } from "@/lib/http/handler";
import { config } from "@/lib/config";

export const { GET, OPTIONS } = api({
  GET: route({
    handler: () => {
      const uris = config().push.serverUris;
      return json({ pushServerURI: uris[Math.floor(Math.random() * uris.length)] });
    },
  }),
});
