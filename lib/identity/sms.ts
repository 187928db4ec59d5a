import { config } from "../config";
import { LoopError, errno } from "../http/errors";
import { log } from "../log";

/**
 * Outgoing SMS (contract §9): Vonage's SMS API (`POST ${SMS_API_URL}/sms/json`, form body,
 * every message of the answer must have status "0"), or the server log when no provider is set.
 */
export class SmsError extends LoopError {
  constructor(message: string) {
    super(503, errno.BACKEND, "Service Unavailable", { message, headers: { "Retry-After": "30" } });
  }
}

export async function sendSms(to: string, text: string): Promise<void> {
  const sms = config().sms;
  if (!sms) {
    log.info("sms.not_sent_no_provider", { to, text });
    return;
  }
  const body = new URLSearchParams({
    api_key: sms.apiKey,
    api_secret: sms.apiSecret,
    from: sms.from,
    to: to.replace(/^\+/, ""),
    text,
    type: /[^\x00-\x7f]/.test(text) ? "unicode" : "text",
  });
  let res: Response;
  try {
    res = await fetch(`${sms.apiUrl}/sms/json`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body,
      signal: AbortSignal.timeout(10_000),
    });
  } catch (e) {
    log.warn("sms.failed", { reason: (e as Error).message });
    throw new SmsError("The SMS provider could not be reached.");
  }
  let answer: { messages?: { status?: string; "error-text"?: string }[] } = {};
  try {
    answer = await res.json();
  } catch {
    /* not JSON */
  }
  const messages = answer.messages ?? [];
  const bad = messages.find((m) => m.status !== "0");
  if (!res.ok || messages.length === 0 || bad) {
    const reason = bad?.["error-text"] ?? `HTTP ${res.status}`;
    log.warn("sms.refused", { status: bad?.status ?? null, reason });
    throw new SmsError(`The SMS provider refused the message: ${reason}`);
  }
  log.info("sms.sent", { parts: messages.length });
}
