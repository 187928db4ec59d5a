import { expect, test, type Browser, type Page } from "@playwright/test";
import { type App, needBinary, randomSecret, startApp, startCoturn } from "./support/app-server";
import { createRoom } from "./support/loop-api";
import { closeAll, join } from "./support/guest";
import { maxFramesDecoded } from "./support/webrtc";

/**
 * TURN for real (issue 18, contract §5): a coturn started here with `use-auth-secret`, our
 * server handing each participant TURN credentials of its own, and both browsers forced to
 * relay-only ICE (the test-only `__loopIceTransportPolicy` switch), as peers behind symmetric
 * NATs would be. Video decodes both ways through coturn; with a secret coturn does not share,
 * the relay-only call cannot connect and the page says why in words.
 */
test.describe.configure({ mode: "serial", timeout: 180_000 });

let coturn: Awaited<ReturnType<typeof startCoturn>> | undefined;
let app: App | undefined;
const secret = randomSecret();

test.beforeAll(async () => {
  needBinary("turnserver");
  test.setTimeout(180_000);
  coturn = await startCoturn(secret);
  app = await startApp({ TURN_URLS: `turn:127.0.0.1:${coturn.port}?transport=udp`, TURN_SECRET: secret });
});

test.afterAll(async () => {
  await app?.stop();
  await coturn?.stop();
});

async function relayOnlyGuest(browser: Browser, link: string) {
  const context = await browser.newContext({ baseURL: app!.url, permissions: ["camera", "microphone"] });
  await context.addInitScript(() => {
    (window as { __loopIceTransportPolicy?: string }).__loopIceTransportPolicy = "relay";
  });
  const page = await context.newPage();
  await page.goto(link);
  return { context, page };
}

/** The candidate types of each connection's selected pair (local, remote). */
function selectedPairs(page: Page) {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __loopDebug?: { peerConnections(): RTCPeerConnection[] } }).__loopDebug?.peerConnections() ?? [];
    const out: string[] = [];
    for (const pc of pcs) {
      const stats = await pc.getStats();
      const byId = new Map<string, Record<string, unknown>>();
      stats.forEach((s) => byId.set(s.id, s));
      stats.forEach((s) => {
        if (s.type !== "transport" || !s.selectedCandidatePairId) return;
        const pair = byId.get(s.selectedCandidatePairId as string);
        const local = pair && byId.get(pair.localCandidateId as string);
        const remote = pair && byId.get(pair.remoteCandidateId as string);
        out.push(`${local?.candidateType}/${remote?.candidateType}`);
      });
    }
    return out;
  });
}

/**
 * Two relay-only browsers (Grace and Alan) join a new room; `check` runs on each page while
 * both are in the call; the browsers are closed after.
 */
async function relayOnlyCall(browser: Browser, roomName: string, check: (page: Page) => Promise<void>) {
  const room = await createRoom(app!.url, { roomName });
  const guest = await relayOnlyGuest(browser, room.link);
  const other = await relayOnlyGuest(browser, room.link);
  try {
    await join(guest.page, "Grace");
    await join(other.page, "Alan");
    for (const page of [guest.page, other.page]) await check(page);
  } finally {
    await closeAll(guest.context, other.context);
  }
}

test("a relay-only call decodes video both ways through coturn", async ({ browser }) => {
  await relayOnlyCall(browser, "Relay call", async (page) => {
    await expect.poll(() => maxFramesDecoded(page), { timeout: 45_000 }).toBeGreaterThan(10);
    // Both ends of the selected candidate pair are relay candidates: the media went through coturn.
    expect(await selectedPairs(page)).toEqual(["relay/relay"]);
  });
  // coturn saw allocations authenticated with our per-participant usernames (<expiry>:<id>).
  const users = new Set([...coturn!.logs().matchAll(/user <(\d{10}:[0-9a-f-]{36})>: incoming packet ALLOCATE processed, success/g)].map((m) => m[1]));
  expect(users.size).toBe(2);
});

test("with a secret coturn does not share, the relay-only call fails and the page says so", async ({ browser }) => {
  // The same relay, restarted with another secret: our server's credentials are now wrong.
  const port = coturn!.port;
  await coturn!.stop();
  coturn = await startCoturn(randomSecret(), port);

  await relayOnlyCall(browser, "Refused relay", async (page) => {
    await expect(page.getByTestId("tile-remote")).toContainText("Connection failed: the relay server refused this call's credentials", {
      timeout: 30_000,
    });
    expect(await maxFramesDecoded(page)).toBe(0);
  });
  // coturn refused them for the credential, not for anything else.
  expect(coturn!.logs()).toMatch(/user <\d{10}:[0-9a-f-]{36}>: incoming packet message processed, error 401/);
});
