import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { sinksRunning, verifyEmail } from "./support/identity";

/** Shared steps of the owner e2e tests: a fresh account per test, real sign-up through the UI. */
export type Owner = { context: BrowserContext; page: Page; email: string; name: string; password: string };

/**
 * Signs up through the UI; unless `verify: false`, then confirms the address with the mailed
 * link as its owner would (only a verified address can be called or shown, contract §9).
 */
export async function signUpOwner(
  browser: Browser,
  name: string,
  opts: { viewport?: { width: number; height: number }; verify?: boolean; contextOptions?: BrowserContextOptions } = {},
): Promise<Owner> {
  const email = `${name.toLowerCase().replace(/\W+/g, "")}-${randomBytes(5).toString("hex")}@example.test`;
  const password = `pw-${randomBytes(8).toString("hex")}`;
  const context = await browser.newContext({
    viewport: opts.viewport,
    permissions: ["camera", "microphone", "clipboard-read", "clipboard-write"],
    ...opts.contextOptions,
  });
  const page = await context.newPage();
  await page.goto("/sign-up?callbackUrl=/dashboard");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("textbox", { name: "Password" }).fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((u) => u.pathname === "/dashboard");
  if (opts.verify !== false && (await sinksRunning())) {
    await verifyEmail(page, email);
    await page.goto("/dashboard");
  }
  return { context, page, email, name, password };
}

/** Creates a room from the dashboard; returns its full link (with #key). */
export async function createRoom(page: Page, name: string, opts: { first?: boolean } = {}) {
  await page.getByRole("button", { name: opts.first ? "Create your first room" : "New room" }).click();
  const dialog = page.getByRole("dialog", { name: "New room" });
  await dialog.getByLabel("Room name").fill(name);
  await dialog.getByRole("button", { name: "Create room" }).click();
  const link = await page.getByTestId("created-room-link").inputValue();
  expect(link).toMatch(/\/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{22}$/);
  await page.getByRole("dialog", { name: "Room created" }).getByRole("button", { name: "Done" }).click();
  return link;
}

export function roomCard(page: Page, name: string) {
  return page.getByTestId("room-card").filter({ has: page.getByRole("heading", { name, exact: true }) });
}

/** The owner opens a room from its dashboard card ("Join <name>") and joins it. */
export async function ownerJoinsFromCard(page: Page, card: Locator, roomName: string) {
  await card.getByRole("link", { name: `Join ${roomName}` }).click();
  await page.waitForURL(/#/);
  await page.getByRole("button", { name: "Join now" }).click();
  await expect(page.getByTestId("in-call")).toBeVisible();
}

/** A guest opens a room link in its own browser context and joins with a name. */
export async function guestJoins(browser: Browser, link: string, name: string) {
  const context = await browser.newContext({ permissions: ["camera", "microphone"] });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Join now" }).click();
  await expect(page.getByTestId("in-call")).toBeVisible();
  return { context, page };
}

/** Video frames decoded from every peer connection of the page (real WebRTC, fake camera). */
export async function framesDecoded(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let total = 0;
    for (const pc of window.__loopDebug?.peerConnections() ?? []) {
      const stats = await pc.getStats();
      stats.forEach((s) => {
        if (s.type === "inbound-rtp" && s.kind === "video") total += (s as { framesDecoded?: number }).framesDecoded ?? 0;
      });
    }
    return total;
  });
}

export async function expectVideoFlowing(page: Page) {
  await expect.poll(() => framesDecoded(page), { timeout: 20_000 }).toBeGreaterThan(10);
}

declare global {
  interface Window {
    __loopDebug?: { peerConnections(): RTCPeerConnection[] };
    __loopRinging?: () => boolean;
  }
}
