import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { waitFor } from "./wait";

/**
 * A real SMTP receiver for tests (smtp-server, plain SMTP on a free loopback port) that keeps
 * every message, and a small HTTP view of it so other processes (test workers, e2e specs)
 * can read what arrived: `GET /mail?to=<address>` → [{to, from, raw, text, subject}].
 */
export type ReceivedMail = { to: string[]; from: string; raw: string; subject: string; decoded: string };

export type Mailbox = { smtpUrl: string; url: string; messages: ReceivedMail[]; stop: () => Promise<void> };

/** Quoted-printable soft breaks and escapes undone, enough to read links and text. */
export function decodeQuotedPrintable(s: string) {
  return s.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

export async function startMailbox(ports: { smtp?: number; http?: number } = {}): Promise<Mailbox> {
  const messages: ReceivedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const subject = /^Subject: (.*)$/m.exec(raw)?.[1] ?? "";
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          raw,
          subject,
          decoded: decodeQuotedPrintable(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(ports.smtp ?? 0, "127.0.0.1", () => r()));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const http: Server = createHttpServer((req, res) => {
    const u = new URL(req.url ?? "/", "http://x");
    const to = (u.searchParams.get("to") ?? "").toLowerCase();
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify(messages.filter((m) => !to || m.to.includes(to))));
  });
  await new Promise<void>((r) => http.listen(ports.http ?? 0, "127.0.0.1", () => r()));
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    messages,
    stop: async () => {
      await new Promise<void>((r) => http.close(() => r()));
      await new Promise<void>((r) => smtp.close(() => r()));
    },
  };
}

/** Polls a mailbox view until `count` mails for `to` have arrived (deadline, no fixed sleep). */
export async function waitForMail(mailboxUrl: string, to: string, count = 1, timeoutMs = 15_000): Promise<ReceivedMail[]> {
  return waitFor(
    async () => {
      const list = (await (await fetch(`${mailboxUrl}/mail?to=${encodeURIComponent(to)}`)).json()) as ReceivedMail[];
      return list.length >= count ? list : null;
    },
    { timeoutMs, intervalMs: 100, what: `${count} mail(s) for ${to}` },
  );
}

/** The verification link of a mail (its token), read from the decoded text. */
export function verificationToken(mail: ReceivedMail): string {
  const m = /\/verify-email\/([A-Za-z0-9_-]{20,})/.exec(mail.decoded);
  if (!m) throw new Error(`no verification link in:\n${mail.decoded}`);
  return m[1];
}
