import { z } from "zod";
import { stillAuthorised } from "@/lib/auth/caller";
import { admitStream } from "@/lib/events/stream-caps";
import { api, route } from "@/lib/http/handler";
import { sseResponse } from "@/lib/events/sse";
import { openUserFeed, prepareUserFeed } from "@/lib/events/user-feed";

// The caller's live events as Server-Sent Events (contract §6): room changes, calls.
export const dynamic = "force-dynamic";

export const { GET, OPTIONS } = api({
  GET: route({
    auth: "hawk-or-web",
    // EventSource sends Last-Event-ID itself on reconnect; the query form is for clients
    // that open a fresh EventSource and want to resume.
    query: z.object({ lastEventId: z.string().max(100).optional() }),
    handler: async ({ req, caller, query, address }) => {
      const lastEventId = req.headers.get("last-event-id") ?? query.lastEventId ?? null;
      const userMac = caller.userMac;
      const position = await prepareUserFeed(userMac);
      // Capped per identity and address; closed when the session or account goes (≤ 30 s).
      // Its lease also makes a phone-only session reachable while it lives (§9, withOpenStream).
      const slot = await admitStream(userMac, address);
      return sseResponse(
        req,
        (send, close) => {
          slot.register(close);
          const stop = openUserFeed(userMac, lastEventId ?? position, send);
          return () => {
            slot.release();
            stop();
          };
        },
        { recheck: () => stillAuthorised(caller, req.headers) },
      );
    },
  }),
});
