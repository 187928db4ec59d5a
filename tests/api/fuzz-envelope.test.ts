import { describe, expect, inject, it } from "vitest";
import { createRoom, device } from "./rooms-support";

/**
 * Every route, every method, under `/`, `/v0` and `/v1` (the web app's `/api/…` at the root),
 * with broken bodies, credentials and queries in rotation: no answer is a 5xx, and every error
 * is in the envelope (contract §1). Deterministic: the same requests each run.
 */
const base = inject("apiUrl");

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
const BODIES: [string | undefined, string | undefined][] = [
  ["application/json", "{"],
  ["application/json", "[]"],
  ["application/json", "null"],
  ["application/json", `{"a":${"[".repeat(3000)}${"]".repeat(3000)}}`],
  ["text/plain", "hello"],
  ["application/x-www-form-urlencoded", "a=%zz&b"],
  ["application/json", JSON.stringify({ roomName: "x".repeat(20000), maxSize: -1, expiresIn: 1e30, callerId: {}, action: "join", displayName: "\u0000", clientMaxSize: "a", calleeId: [[]], locale: 5 })],
  ["application/json", '{"__proto__":{"admin":true},"constructor":{"prototype":{}}}'],
  ["application/json", "\uFEFF{}"],
  [undefined, undefined],
];
const AUTHS = [undefined, 'Hawk id="x", ts="1", nonce="n", mac="m"', "Basic %%%", `Basic ${Buffer.from("a:b").toString("base64")}`, "Bearer x", "Hawk", 'Hawk id="\u00e9"'];
const QUERIES = ["", "?a=%zz", "?token=x&version=abc", `?${"a=1&".repeat(300)}`];

describe("hostile requests on every route → never a 5xx, errors in the envelope", () => {
  it("answers every route × method × prefix", async () => {
    const owner = await device(base);
    const token = await createRoom(owner);
    const loop = [
      "/account", "/call-url", "/call-url/abc", "/calls", `/calls/${token}`, "/calls/id/x/progress", "/calls/id/x", "/contacts", "/contacts/x",
      "/contacts/import", "/contacts/sources", "/contacts/sources/x", "/contacts/sources/x/sync", "/events", "/feedback", "/msisdn/+15550100",
      "/msisdn/register", "/msisdn", "/msisdn/verify", "/push-server-config", "/registration", `/rooms/${token}/events`, `/rooms/${token}`, "/rooms",
      "/__heartbeat__", "/session", "/session/x", `/video/signal/join/${token}`, "/video/signal",
    ];
    const web = ["/api/email-change", "/api/email-verification/confirm", "/api/email-verification", "/api/locale", "/api/sign-out-everywhere", "/api/sign-up", "/api/nothing"];
    const targets = [...["", "/v0", "/v1"].flatMap((prefix) => loop.map((p) => prefix + p)), ...web];
    const problems: string[] = [];
    let n = 0;
    for (const path of targets) {
      for (const method of METHODS) {
        const bodyless = method === "GET" || method === "HEAD";
        const [type, body] = bodyless ? [undefined, undefined] : BODIES[n % BODIES.length];
        const auth = AUTHS[(n * 3) % AUTHS.length];
        const url = base + path + QUERIES[n % QUERIES.length];
        n++;
        const headers: Record<string, string> = {};
        if (type) headers["content-type"] = type;
        if (auth) headers.authorization = auth;
        let r: Response;
        try {
          r = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(5000) });
        } catch (e) {
          problems.push(`${method} ${path}: ${(e as Error).message}`);
          continue;
        }
        if ((r.headers.get("content-type") ?? "").includes("text/event-stream")) {
          await r.body?.cancel(); // a stream that opened: its answer is a 200
          continue;
        }
        const text = await r.text();
        const what = `${method} ${url.slice(base.length, base.length + 60)} → ${r.status}`;
        if (r.status >= 500) problems.push(`${what} ${text.slice(0, 100)}`);
        else if (r.status >= 400 && method !== "HEAD") {
          let ok = false;
          try {
            const j = JSON.parse(text);
            ok = j.code === r.status && typeof j.errno === "number" && typeof j.error === "string";
          } catch {
            /* not JSON */
          }
          if (!ok || !(r.headers.get("content-type") ?? "").includes("application/json")) problems.push(`${what} not in the envelope: ${text.slice(0, 80)}`);
        }
      }
    }
    expect(n).toBeGreaterThan(600);
    expect(problems).toEqual([]);
  }, 180_000);
});
