import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { waitFor } from "./wait";

/**
 * A local stand-in of Vonage's SMS API for tests (the real one is a paid outside service):
 * `POST /sms/json` with a form or JSON body {api_key, api_secret, from, to, text} answers as
 * Vonage documents (`{"message-count":"1","messages":[{"status":"0",…}]}`; a wrong key is
 * status "4", a missing field "2"). Numbers passed to `reject` get status "9" (quota
 * exceeded). `GET /messages?to=` lists what was "sent", for the tests to read codes from.
 */
export type SentSms = { to: string; from: string; text: string; at: number };

export type SmsStandIn = {
  url: string;
  sent: SentSms[];
  reject: Set<string>;
  stop: () => Promise<void>;
};

export async function startSmsStandIn(creds = { apiKey: "test-key", apiSecret: "test-secret" }, port = 0): Promise<SmsStandIn> {
  const sent: SentSms[] = [];
  const reject = new Set<string>();
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? "/", "http://x");
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      res.setHeader("Content-Type", "application/json");
      if (req.method === "GET" && u.pathname === "/messages") {
        const to = (u.searchParams.get("to") ?? "").replace(/^\+/, "");
        res.end(JSON.stringify(sent.filter((m) => !to || m.to === to)));
        return;
      }
      if (req.method === "POST" && u.pathname === "/reject") {
        reject.add(String(JSON.parse(body).to).replace(/^\+/, ""));
        res.end("{}");
        return;
      }
      if (req.method !== "POST" || u.pathname !== "/sms/json") {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: "not found" }));
        return;
      }
      const p: Record<string, string> = (req.headers["content-type"] ?? "").includes("json")
        ? JSON.parse(body || "{}")
        : Object.fromEntries(new URLSearchParams(body));
      const answer = (status: string, errorText?: string, to = p.to ?? "") =>
        res.end(
          JSON.stringify({
            "message-count": "1",
            messages: [
              status === "0"
                ? { to, "message-id": `${Date.now()}${sent.length}`, status, "remaining-balance": "10.0", "message-price": "0.03", network: "12345" }
                : { status, "error-text": errorText },
            ],
          }),
        );
      if (!p.api_key || !p.api_secret || !p.from || !p.to || !p.text) return answer("2", "Missing params");
      if (p.api_key !== creds.apiKey || p.api_secret !== creds.apiSecret) return answer("4", "Bad Credentials");
      if (reject.has(p.to)) return answer("9", "Partner quota exceeded");
      sent.push({ to: p.to, from: p.from, text: p.text, at: Date.now() });
      answer("0");
    });
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    reject,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Env for a server that sends SMS through this stand-in. */
export function smsEnv(standIn: { url: string }) {
  return { SMS_PROVIDER: "vonage", SMS_API_KEY: "test-key", SMS_API_SECRET: "test-secret", SMS_FROM: "Loop", SMS_API_URL: standIn.url };
}

/** Polls until `count` SMS went to `to` (E.164, with or without +); returns the newest code. */
export async function waitForSmsCode(standInUrl: string, to: string, count = 1, timeoutMs = 15_000): Promise<string> {
  const list = await waitFor(
    async () => {
      const l = (await (await fetch(`${standInUrl}/messages?to=${encodeURIComponent(to.replace(/^\+/, ""))}`)).json()) as SentSms[];
      return l.length >= count ? l : null;
    },
    { timeoutMs, intervalMs: 100, what: `${count} SMS to ${to}` },
  );
  const m = /\b(\d{6})\b/.exec(list[list.length - 1].text);
  if (!m) throw new Error(`no code in SMS: ${list[list.length - 1].text}`);
  return m[1];
}
