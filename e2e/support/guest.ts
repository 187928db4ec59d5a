import { expect, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";

/** Guest-page steps shared by the e2e specs. */

export async function openGuest(browser: Browser, link: string, opts: { permissions?: boolean } = {}) {
  const context = await browser.newContext(
    opts.permissions === false ? {} : { permissions: ["camera", "microphone"] },
  );
  const page = await context.newPage();
  await page.goto(link);
  return { context, page };
}

/** From the pre-join screen: name, Join, and wait until the call screen is up. */
export async function join(page: Page, name: string) {
  await expect(page.getByTestId("prejoin")).toBeVisible();
  // The preview is live before joining (media permission first, as the reference orders).
  await expect.poll(() => page.getByTestId("preview").evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(2);
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Join now" }).click();
  await expect(page.getByTestId("in-call")).toBeVisible();
}

/** In the call view (a page or the part of one that holds it): open the chat and send a message. */
export async function sendChat(view: Page | Locator, text: string) {
  await view.getByRole("button", { name: "Chat" }).click();
  await view.getByLabel("Message").fill(text);
  await view.getByRole("button", { name: "Send" }).click();
}

export async function closeAll(...contexts: (BrowserContext | undefined)[]) {
  for (const c of contexts) await c?.close().catch(() => {});
}
