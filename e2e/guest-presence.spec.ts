import { expect, test, type Request } from "./support/test";
import { createRoom, roomParticipants } from "./support/loop-api";
import { closeAll, join, openGuest } from "./support/guest";

test.describe.configure({ mode: "serial" });

/** A room action of the page; its join goes to `POST /video/signal/join/{token}` (the join answered on the signaling stream). */
function roomAction(req: Request, token: string, action: string) {
  const path = action === "join" ? `/video/signal/join/${token}` : `/rooms/${token}`;
  if (req.method() !== "POST" || !req.url().endsWith(path)) return false;
  return (req.postDataJSON() as { action?: string })?.action === action;
}

test("a browser without WebRTC is told what to use instead", async ({ page, baseURL }) => {
  const room = await createRoom(baseURL!, { roomName: "Old browser" });
  await page.addInitScript(() => {
    delete (window as unknown as { RTCPeerConnection?: unknown }).RTCPeerConnection;
  });
  await page.goto(room.link);
  await expect(page.getByTestId("unsupported")).toBeVisible();
  await expect(page.getByText("Open this link in a recent version of Firefox, Chrome, Edge or Safari")).toBeVisible();
});

test("server unreachable: a Retry screen, and Retry recovers", async ({ browser, baseURL }) => {
  const room = await createRoom(baseURL!, { roomName: "Flaky" });
  const context = await browser.newContext({ permissions: ["camera", "microphone"] });
  const page = await context.newPage();
  try {
    await page.route(`**/rooms/${room.token}`, (r) => r.abort("connectionrefused"));
    await page.goto(room.link);
    await expect(page.getByTestId("unreachable")).toBeVisible();
    await page.unroute(`**/rooms/${room.token}`);
    await page.getByRole("button", { name: "Try again" }).click();
    await expect(page.getByTestId("room-name")).toHaveText("Flaky");
  } finally {
    await closeAll(context);
  }
});

test("name required and remembered; joining with the camera off; status reports; refresh at 90 % of expires; quality hint", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const room = await createRoom(baseURL!, { roomName: "Presence" });
  const other = await openGuest(browser, room.link);
  const context = await browser.newContext({ permissions: ["camera", "microphone"] });
  const page = await context.newPage();
  try {
    // The page's timers run on a controllable clock: the 270 s refresh is reached without waiting.
    await page.clock.install();
    await page.goto(room.link);
    await expect(page.getByTestId("prejoin")).toBeVisible();
    await expect.poll(() => page.getByTestId("preview").evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(2);

    await page.getByRole("button", { name: "Join now" }).click();
    await expect(page.getByText("Enter your name to join.")).toBeVisible();
    await expect(page.getByLabel("Your name")).toBeFocused();
    await expect(page.getByTestId("in-call")).toHaveCount(0);

    await page.getByLabel("Your name").fill("Robin");
    await page.getByTestId("prejoin-video").click();
    await expect(page.getByTestId("prejoin-video")).toHaveAttribute("aria-pressed", "true");
    const joined = page.waitForRequest((r) => roomAction(r, room.token, "join"));
    await page.getByRole("button", { name: "Join now" }).click();
    expect((await joined).postDataJSON()).toEqual({ action: "join", displayName: "Robin", clientMaxSize: 5 });
    await expect(page.getByTestId("in-call")).toBeVisible();
    await expect(page.getByTestId("toggle-video")).toHaveAttribute("aria-pressed", "true");

    const status = page.waitForRequest((r) => roomAction(r, room.token, "status"));
    await join(other.page, "Sam");
    await page.clock.runFor(2000);
    const statusBody = (await status).postDataJSON();
    expect(statusBody).toMatchObject({ action: "status", event: expect.stringMatching(/^Session\./) });
    expect(statusBody.connections).toBeGreaterThanOrEqual(1);
    expect((await status).headers()["authorization"]).toMatch(/^Basic /);

    // The other side sees the camera off, and gets a connection quality hint for us.
    const tile = other.page.getByTestId("tile-remote");
    await expect(tile).toHaveAttribute("data-participant", "Robin");
    await expect(tile.getByText("Camera off")).toBeAttached();
    await expect(tile.locator("[data-quality]")).toHaveAttribute("data-quality", /good|fair|poor/, { timeout: 20_000 });

    // Presence: the refresh goes out at 90 % of the 300 s participation, with Basic auth.
    const refresh = page.waitForRequest((r) => roomAction(r, room.token, "refresh"), { timeout: 20_000 });
    await page.clock.runFor(271_000);
    const r = await refresh;
    expect(r.headers()["authorization"]).toMatch(/^Basic /);
    expect((await r.response())?.status()).toBe(200);

    // The name is remembered on this device.
    await page.getByRole("button", { name: "Leave" }).click();
    await page.reload();
    await expect(page.getByLabel("Your name")).toHaveValue("Robin");
  } finally {
    await closeAll(context, other.context);
  }
});

test("connection lost: 'Reconnecting…', back in the call when the network returns; after too long, 'Connection lost' with Rejoin", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const room = await createRoom(baseURL!, { roomName: "Offline" });
  const g = await openGuest(browser, room.link);
  const other = await openGuest(browser, room.link);
  try {
    await join(g.page, "Wifi");
    await g.context.setOffline(true);
    await expect(g.page.getByTestId("reconnecting")).toBeVisible();
    await g.context.setOffline(false);
    await expect(g.page.getByTestId("reconnecting")).toHaveCount(0, { timeout: 30_000 });
    // The fresh signaling stream works: someone joining now reaches us.
    await join(other.page, "Later");
    await expect(g.page.getByTestId("tile-remote")).toHaveAttribute("data-participant", "Later", { timeout: 20_000 });

    await g.context.setOffline(true);
    await expect(g.page.getByTestId("reconnecting")).toBeVisible();
    await expect(g.page.getByTestId("failed")).toBeVisible({ timeout: 40_000 });
    await expect(g.page.getByRole("heading", { level: 1 })).toHaveText("Connection lost");
    await g.context.setOffline(false);
    await g.page.getByRole("button", { name: "Rejoin" }).click();
    await expect(g.page.getByTestId("in-call")).toBeVisible();
    await expect(g.page.getByTestId("tile-remote")).toHaveAttribute("data-participant", "Later", { timeout: 20_000 });
    // The seat held while offline was given back before rejoining (its leave was retried).
    await expect.poll(async () => (await roomParticipants(room)).map((p) => p.displayName).sort()).toEqual(["Later", "Wifi"]);
  } finally {
    await closeAll(g.context, other.context);
  }
});
