import { expect, type Page } from "@playwright/test";
import { waitFor } from "../../tests/support/wait";

/**
 * The e2e run's SMTP receiver and SMS stand-in (tests/support/e2e-sinks.ts, started by
 * scripts/e2e-server.mjs next to the app): read the verification mail and the SMS code.
 */
const port = Number(process.env.E2E_PORT ?? 3210);
export const mailboxUrl = `http://127.0.0.1:${port + 1}`;
export const smsUrl = `http://127.0.0.1:${port + 3}`;

const poll = <T>(read: () => Promise<T | null>, what: string) => waitFor(read, { timeoutMs: 20_000, intervalMs: 200, what });

/** The verification link of the `nth` mail (1-based) sent to `email`. */
export async function verificationLink(email: string, nth = 1): Promise<string> {
  return poll(async () => {
    const list = (await (await fetch(`${mailboxUrl}/mail?to=${encodeURIComponent(email)}`)).json()) as { decoded: string }[];
    if (list.length < nth) return null;
    const m = /(https?:\/\/[^\s"<>]+\/verify-email\/[A-Za-z0-9_-]{20,})/.exec(list[nth - 1].decoded);
    return m ? m[1] : null;
  }, `a mail to ${email}`);
}

/** The code of the `nth` SMS sent to `msisdn`. */
export async function smsCode(msisdn: string, nth = 1): Promise<string> {
  return poll(async () => {
    const list = (await (await fetch(`${smsUrl}/messages?to=${encodeURIComponent(msisdn.replace(/^\+/, ""))}`)).json()) as { text: string }[];
    if (list.length < nth) return null;
    return /\b(\d{6})\b/.exec(list[nth - 1].text)?.[1] ?? null;
  }, `an SMS to ${msisdn}`);
}

/** Whether the run has the sinks (not when E2E_BASE_URL points at a server of its own). */
export async function sinksRunning(): Promise<boolean> {
  try {
    return (await fetch(`${mailboxUrl}/mail?to=nobody`)).ok;
  } catch {
    return false;
  }
}

/** Opens the mailed link in `page` and presses its button, as the owner of the address does. */
export async function verifyEmail(page: Page, email: string) {
  await page.goto(await verificationLink(email));
  await page.getByRole("button", { name: "Confirm my e-mail address" }).click();
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-result", "verified");
}
