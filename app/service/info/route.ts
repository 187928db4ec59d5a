import { api, json, route } from "@/lib/http/handler";
import { config } from "@/lib/config";
import { videoProviderName } from "@/lib/video/provider";

// GET / and /v1/ for JSON clients (ref §2.1); browsers get the landing page instead.
export const { GET, OPTIONS } = api({
  GET: route({
    handler: ({ req }) => {
      const c = config();
      const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? new URL(c.publicUrl).host;
      const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
      const lang = (req.headers.get("accept-language") ?? "en-US").split(",")[0].split(";")[0].trim() || "en-US";
      return json({
        name: "mozilla-loop-server",
        description: "Loop: link-based video calls and rooms (a rebuild of Firefox Hello's server).",
        version: c.version,
        homepage: c.publicUrl,
        endpoint: `${proto}://${host}`,
        fakeTokBox: false,
        fxaOAuth: false,
        provider: videoProviderName(),
        i18n: { defaultLang: "en-US", lang },
      });
    },
  }),
});
