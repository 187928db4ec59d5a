import AxeBuilder from "@axe-core/playwright";
import { chromium, expect, test, type Page } from "./support/test";
import { createRoom, ownerJoins, roomParticipants } from "./support/loop-api";
import { closeAll, join, openGuest } from "./support/guest";

test.describe.configure({ mode: "serial" });

async function expectNoAxeViolations(page: Page) {
  const r = await new AxeBuilder({ page }).analyze();
  expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function expectNoHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

test("an unknown token shows the expired screen, without Retry", async ({ page }) => {
  await page.goto("/AAAAAAAAAAAAAAAAAAAAAA#BBBBBBBBBBBBBBBBBBBBBB");
  await expect(page.getByTestId("unavailable")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link is no longer available");
  await expect(page.getByRole("button", { name: /try again|retry/i })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("a wrong key says so without blocking the join; a legacy link without key too", async ({ browser, baseURL }) => {
  const room = await createRoom(baseURL!, { roomName: "Hidden name" });
  const g = await openGuest(browser, `/${room.token}#AAAAAAAAAAAAAAAAAAAAAA`);
  try {
    await expect(g.page.getByTestId("key-problem")).toContainText("does not open the room's name");
    await expect(g.page.getByTestId("room-name")).toHaveText("A conversation on Loop");
    await expect(g.page.getByText("Hidden name")).toHaveCount(0);
    await join(g.page, "Keyless");
    await g.page.goto(`/${room.token}`);
    await expect(g.page.getByTestId("key-problem")).toContainText("missing its key");
  } finally {
    await closeAll(g.context);
  }
});

test("the third person in a maxSize 2 room sees 'room full'", async ({ browser, baseURL }) => {
  const room = await createRoom(baseURL!, { roomName: "Pair", maxSize: 2 });
  await ownerJoins(room);
  const first = await openGuest(browser, room.link);
  const third = await openGuest(browser, room.link);
  try {
    await join(first.page, "First");
    await expect(third.page.getByTestId("prejoin")).toBeVisible();
    await third.page.getByLabel("Your name").fill("Third");
    await third.page.getByRole("button", { name: "Join now" }).click();
    await expect(third.page.getByTestId("room-full")).toBeVisible();
    await expect(third.page.getByRole("heading", { level: 1 })).toHaveText("This room is full");
  } finally {
    await closeAll(first.context, third.context);
  }
});

test("without camera permission the page explains how to allow it, and Retry works once allowed", async ({ browserName, baseURL }, testInfo) => {
  // A browser that does not auto-accept media prompts (no --use-fake-ui-for-media-stream),
  // with camera and microphone blocked for the site, as after a person clicked "Block".
  const launch = testInfo.project.use.launchOptions ?? {};
  const browser = await chromium.launch({
    ...launch,
    args: (launch.args ?? []).filter((a) => a !== "--use-fake-ui-for-media-stream"),
  });
  expect(browserName).toBe("chromium");
  const room = await createRoom(baseURL!, { roomName: "Blocked" });
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  try {
    await page.goto(room.link);
    await expect(page.getByTestId("permission")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Loop needs your camera and microphone");
    await expectNoAxeViolations(page);
    await context.grantPermissions(["camera", "microphone"]);
    await page.getByRole("button", { name: "Retry" }).click();
    await expect(page.getByTestId("prejoin")).toBeVisible();
    await expect.poll(() => page.getByTestId("preview").evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(2);
  } finally {
    await browser.close();
  }
});

test("closing the guest's tab removes the guest from the room", async ({ browser, baseURL }) => {
  const room = await createRoom(baseURL!, { roomName: "Close me" });
  const g = await openGuest(browser, room.link);
  try {
    await join(g.page, "Leaver");
    await expect.poll(async () => (await roomParticipants(room)).map((p) => p.displayName)).toEqual(["Leaver"]);
    await g.page.close({ runBeforeUnload: true });
    await expect.poll(async () => (await roomParticipants(room)).length, { timeout: 10_000 }).toBe(0);
  } finally {
    await closeAll(g.context);
  }
});

test("joining from a second tab: the first tab is told, the second offers to join there instead", async ({ browser, baseURL }) => {
  const room = await createRoom(baseURL!, { roomName: "Two tabs" });
  const g = await openGuest(browser, room.link);
  try {
    await join(g.page, "Tabby");
    const second = await g.context.newPage();
    await second.goto(room.link);
    await expect(second.getByText("You are already in this conversation in another tab")).toBeVisible();
    await second.getByRole("button", { name: "Join here instead" }).click();
    await expect(second.getByTestId("in-call")).toBeVisible();
    await expect(g.page.getByRole("heading", { name: "You joined this conversation in another tab" })).toBeVisible();
    await expect.poll(async () => (await roomParticipants(room)).map((p) => p.displayName)).toEqual(["Tabby"]);
  } finally {
    await closeAll(g.context);
  }
});

test("axe: pre-join, in-call and ended screens are clean; 360 px wide has no horizontal scroll", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const room = await createRoom(baseURL!, { roomName: "A room with a rather long name to test wrapping on phones" });
  const g = await openGuest(browser, room.link);
  const other = await openGuest(browser, room.link);
  try {
    await g.page.setViewportSize({ width: 360, height: 740 });
    await expect(g.page.getByTestId("prejoin")).toBeVisible();
    await expect.poll(() => g.page.getByTestId("preview").evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(2);
    await expectNoHorizontalScroll(g.page);
    await expectNoAxeViolations(g.page);

    // Every control is reachable by keyboard: Tab to the name field, type, Enter joins.
    await g.page.getByLabel("Your name").focus();
    await g.page.keyboard.type("Kim");
    await g.page.keyboard.press("Enter");
    await expect(g.page.getByTestId("in-call")).toBeVisible();
    await expect(g.page.getByTestId("waiting")).toBeVisible();
    await expectNoHorizontalScroll(g.page);
    await expectNoAxeViolations(g.page);

    await join(other.page, "Lee");
    await expect(g.page.getByTestId("tile-remote")).toBeVisible();
    await g.page.getByRole("button", { name: "Chat" }).click();
    await expect(g.page.getByTestId("chat-panel")).toBeVisible();
    await expectNoHorizontalScroll(g.page);
    await expectNoAxeViolations(g.page);
    await g.page.getByRole("button", { name: "Close chat" }).click();

    // Keyboard shortcuts for camera and microphone.
    await g.page.keyboard.press("v");
    await expect(g.page.getByTestId("toggle-video")).toHaveAttribute("aria-pressed", "true");
    await expect(other.page.getByTestId("tile-remote").getByText("Camera off")).toBeAttached();
    await g.page.keyboard.press("v");
    await expect(g.page.getByTestId("toggle-video")).toHaveAttribute("aria-pressed", "false");

    await g.page.getByRole("button", { name: "Leave" }).click();
    await expect(g.page.getByTestId("ended")).toBeVisible();
    await expectNoHorizontalScroll(g.page);
    await expectNoAxeViolations(g.page);

    // The feedback form stores a sad answer with a category and text.
    await g.page.getByRole("button", { name: "Not good" }).click();
    await g.page.getByRole("radio", { name: "The video was bad" }).check();
    await g.page.getByLabel("Tell us more (optional)").fill("frozen picture");
    await expectNoAxeViolations(g.page);
    const sent = g.page.waitForResponse((r) => r.url().endsWith("/feedback") && r.request().method() === "POST");
    await g.page.getByRole("button", { name: "Send feedback" }).click();
    const res = await sent;
    expect(res.status()).toBe(201);
    expect(res.request().postDataJSON()).toEqual({ happy: false, category: "video_quality", description: "frozen picture", roomToken: room.token });
    await expect(g.page.getByTestId("feedback-thanks")).toBeVisible();

    // Rejoin from the ended screen goes straight back into the call.
    await g.page.getByRole("button", { name: "Rejoin" }).click();
    await expect(g.page.getByTestId("in-call")).toBeVisible();
    await expect(other.page.getByTestId("tile-remote")).toHaveAttribute("data-participant", "Kim");
  } finally {
    await closeAll(g.context, other.context);
  }
});
