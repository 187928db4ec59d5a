import { z } from "zod";
import { api, json, route } from "@/lib/http/handler";
import { chooseLocale } from "@/lib/i18n/choose";
import { LOCALES } from "@/lib/i18n/locales";

// The language switcher: remembers the choice in a cookie and, when signed in, on the account.
export const { POST, OPTIONS } = api({
  POST: route({
    auth: "optional",
    body: z.object({ locale: z.enum(LOCALES, { error: `locale should be one of ${LOCALES.join(", ")}` }) }),
    handler: async ({ body, caller }) => {
      const cookie = await chooseLocale(body.locale, caller.kind === "web" ? caller.userId : null);
      return json({ locale: body.locale }, 200, { "Set-Cookie": cookie });
    },
  }),
});
