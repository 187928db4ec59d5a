import nodemailer, { type Transporter } from "nodemailer";
import { config } from "../config";
import { log } from "../log";
import type { Mail } from "./messages";

/**
 * Outgoing mail (contract §9): SMTP through nodemailer when SMTP_URL is set (STARTTLS is used
 * whenever the server offers it), else the message's link is written to the server log so
 * the embedded default needs nothing.
 */
let transport: Transporter | undefined;

function transporter(url: string) {
  return (transport ??= nodemailer.createTransport(url, { from: config().mail.from }));
}

/** Sends one mail; throws when the SMTP server refuses it. `logUrl` is what the log gets without SMTP. */
export async function sendMail(to: string, mail: Mail, logUrl: string): Promise<void> {
  const url = config().mail.smtpUrl;
  if (!url) {
    log.info("mail.not_sent_no_smtp", { to, subject: mail.subject, url: logUrl });
    return;
  }
  await transporter(url).sendMail({ from: config().mail.from, to, subject: mail.subject, text: mail.text, html: mail.html });
  log.info("mail.sent", { to, subject: mail.subject });
}
