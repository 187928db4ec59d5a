// The e2e run's SMTP receiver and SMS stand-in (run with tsx by scripts/e2e-server.mjs) on
// fixed ports next to the app's: E2E_PORT+1 mailbox view, +2 SMTP, +3 SMS API stand-in.
import { startMailbox } from "./mailbox";
import { startSmsStandIn } from "./sms-standin";

async function main() {
  const base = Number(process.argv[2] ?? 3210);
  const mailbox = await startMailbox({ http: base + 1, smtp: base + 2 });
  const sms = await startSmsStandIn(undefined, base + 3);
  process.stdout.write(`e2e sinks: mail ${mailbox.url} (${mailbox.smtpUrl}), sms ${sms.url}\n`);
  const stop = async () => {
    await Promise.allSettled([mailbox.stop(), sms.stop()]);
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
