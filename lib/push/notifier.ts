import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { db, sql } from "../db";
import { pushUrls } from "../db/statements";
import { log } from "../log";
import { checkPushUrlShape, guardedLookup } from "./url-policy";

/** Each wake-up PUT gets 5 s; at most 8 run at once. */
const PUSH = { timeoutMs: 5000, concurrency: 8 };

/**
 * SimplePush wake-ups (ref §2.2, contract §6): PUT `version=<n>` to every URL of a user's
 * topic, 5 s timeout each, a bounded number at once. Failures are logged (never the URL: it is
 * a capability) and never fail the request that caused them; endpoints answering 404/410 are
 * gone and removed. Every connection goes through the push URL policy (url-policy.ts), so a
 * URL that has come to point inward gets no traffic.
 */
export type PushTopic = "calls" | "rooms";

export async function notifyUser(userMac: string, topic: PushTopic, version: number): Promise<void> {
  const rows = await (await sql()).many(pushUrls.ofUserTopic, userMac, topic);
  if (rows.length === 0) return;
  const { timeoutMs, concurrency } = PUSH;
  const queue = [...rows];
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      try {
        const status = await putVersion(row.url, version, timeoutMs);
        if (status === 404 || status === 410) {
          await db().pushUrl.deleteMany({ where: { id: row.id } });
          log.info("push.endpoint_gone", { topic, status });
        } else if (status < 200 || status >= 300) {
          log.warn("push.failed", { topic, status });
        }
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        log.warn("push.failed", { topic, error: err.code ?? err.name });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
}

/** Fire-and-forget form for request handlers: the caller's answer never waits on push. */
export function notifyUserLater(userMac: string, topic: PushTopic, version: number) {
  void notifyUser(userMac, topic, version).catch((e) => log.warn("push.failed", { error: (e as Error).message }));
}

/** One PUT; resolves with the status. Redirects are not followed. */
export function putVersion(rawUrl: string, version: number, timeoutMs: number): Promise<number> {
  const verdict = checkPushUrlShape(rawUrl);
  if (!verdict.ok) return Promise.reject(Object.assign(new Error("push url refused"), { code: "EPUSHREFUSED" }));
  const body = `version=${version}`;
  const request = verdict.url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      verdict.url,
      {
        method: "PUT",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) },
        lookup: guardedLookup as never,
        signal: AbortSignal.timeout(timeoutMs),
        agent: false,
      },
      (res) => {
        // Only the status matters; drain and drop the body.
        res.on("error", () => {});
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
