import type { TestProject } from "vitest/node";
import { startMailbox } from "./mailbox";
import { startServer } from "./server";
import { startSmsStandIn } from "./sms-standin";

declare module "vitest" {
  export interface ProvidedContext {
    apiUrl: string;
    /** HTTP view of the run's SMTP receiver (tests/support/mailbox.ts), "" when none */
    mailboxUrl: string;
    /** the run's Vonage SMS stand-in (tests/support/sms-standin.ts), "" when none */
    smsUrl: string;
  }
}

// One production server for the API test run (unless LOOP_API_URL points at one already),
// mailing through a real SMTP receiver and texting through the SMS stand-in, both started
// here. Servers that test files start themselves use the same two (tests/support/server.ts).
export default async function setup(project: TestProject) {
  if (process.env.LOOP_API_URL) {
    project.provide("apiUrl", process.env.LOOP_API_URL);
    project.provide("mailboxUrl", process.env.LOOP_TEST_MAILBOX_URL ?? "");
    project.provide("smsUrl", process.env.LOOP_TEST_SMS_URL ?? "");
    return;
  }
  const mailbox = await startMailbox();
  const sms = await startSmsStandIn();
  process.env.LOOP_TEST_SMTP_URL = mailbox.smtpUrl;
  process.env.LOOP_TEST_MAILBOX_URL = mailbox.url;
  process.env.LOOP_TEST_SMS_URL = sms.url;
  const server = await startServer({}, "api");
  project.provide("apiUrl", server.url);
  project.provide("mailboxUrl", mailbox.url);
  project.provide("smsUrl", sms.url);
  return async () => {
    await server.stop();
    await sms.stop();
    await mailbox.stop();
  };
}
