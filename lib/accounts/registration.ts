import { config } from "../config";
import { z } from "zod";
import type { Caller } from "../auth/caller";
import { createHawkSession } from "../auth/hawk";
import { clock } from "../clock";
import { db } from "../db";
import { errors } from "../http/errors";
import type { PushTopic } from "../push/notifier";
import { checkPushUrl } from "../push/url-policy";

/**
 * POST /registration and DELETE /registration (ref §2.2): a device's SimplePush URLs, one per
 * topic, kept per Hawk session. Registering without credentials first creates an anonymous
 * Hawk session, in the same transaction as its URLs.
 */
const TOPICS = ["calls", "rooms"] as const satisfies readonly PushTopic[];

// The three body forms of the reference; URLs themselves are checked by the push URL policy.
export const registrationBody = z.object({
  simplePushURLs: z.record(z.string(), z.string({ error: "simplePushURLs values should be urls" }), {
    error: "simplePushURLs should be an object of topic → url",
  }).optional(),
  simplePushURL: z.string({ error: "simplePushURL should be a valid url" }).optional(),
  simple_push_url: z.string({ error: "simple_push_url should be a valid url" }).optional(),
});

export const registrationQuery = z.object({ simplePushURL: z.string().optional() }).loose();

type Urls = Partial<Record<PushTopic, string>>;

/** The URLs a request registers, per topic, after the policy check (400 / 107 otherwise). */
export async function pushUrlsFrom(body: z.output<typeof registrationBody>, query: { simplePushURL?: string }): Promise<Urls> {
  const urls: Record<string, string> = { ...(body.simplePushURLs ?? {}) };
  const legacy = body.simplePushURL ?? body.simple_push_url ?? query.simplePushURL;
  if (legacy !== undefined && urls.calls === undefined) urls.calls = legacy;
  for (const topic of Object.keys(urls)) {
    if (!(TOPICS as readonly string[]).includes(topic)) throw errors.invalid(`simplePushURLs.${topic} is not a known topic (calls, rooms)`);
  }
  const checked = await Promise.all(
    Object.entries(urls).map(async ([topic, url]) => [topic, url, await checkPushUrl(url)] as const),
  );
  for (const [topic, , verdict] of checked) {
    if (!verdict.ok) throw errors.invalid(`simplePushURLs.${topic} ${verdict.reason}`);
  }
  return urls as Urls;
}

/**
 * Stores the URLs for the calling Hawk session, creating an anonymous session when there is
 * none. Returns the new session's token (to send once, in `Hawk-Session-Token`), if any.
 */
export async function registerDevice(caller: Caller, urls: Urls): Promise<{ sessionToken: string | null }> {
  if (caller.kind !== "hawk" && caller.kind !== "anonymous") throw errors.unauthorized("Unsupported");
  // Nothing to store: an existing session answers at once, a new one is one insert.
  if (Object.keys(urls).length === 0) {
    if (caller.kind === "hawk") return { sessionToken: null };
    return { sessionToken: (await createHawkSession()).sessionToken };
  }
  const now = clock.nowSec();
  return db().$transaction(async (tx) => {
    let session = caller.kind === "hawk" ? { idHmac: caller.sessionHmac, userMac: caller.userMac, sessionToken: null as string | null } : null;
    if (!session) {
      const created = await createHawkSession(undefined, undefined, tx);
      session = { idHmac: created.idHmac, userMac: created.userMac, sessionToken: created.sessionToken };
    }
    for (const [topic, url] of Object.entries(urls)) {
      await tx.pushUrl.upsert({
        where: { sessionHmac_topic: { sessionHmac: session.idHmac, topic } },
        create: { sessionHmac: session.idHmac, userMac: session.userMac, topic, url, createdAt: now },
        update: { url, userMac: session.userMac, createdAt: now },
      });
    }
    if (Object.keys(urls).length) {
      // PUSH_URLS_MAX_PER_USER per user (contract §1 "Limits"): the oldest go.
      const extra = await tx.pushUrl.findMany({
        where: { userMac: session.userMac },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        skip: config().caps.pushUrlsPerUser,
        select: { id: true },
      });
      if (extra.length) await tx.pushUrl.deleteMany({ where: { id: { in: extra.map((e) => e.id) } } });
    }
    return { sessionToken: session.sessionToken };
  });
}

/** DELETE /registration: forgets this device's push URLs. */
export async function unregisterDevice(sessionHmac: string): Promise<void> {
  await db().pushUrl.deleteMany({ where: { sessionHmac } });
}
