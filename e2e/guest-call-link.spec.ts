import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./support/test";
import { signUpOwner } from "./owner-helpers";
import { closeAll, openGuest } from "./support/guest";
import { maxFramesDecoded } from "./support/webrtc";

test.describe.configure({ mode: "serial" });

/** A call link of a signed-in owner, made through the API with the owner's web session. */
async function createCallLink(owner: Awaited<ReturnType<typeof signUpOwner>>, baseURL: string, subject?: string) {
  const r = await owner.page.request.post("/call-url", {
    headers: { Origin: baseURL },
    data: { callerId: "Bob", issuer: owner.name, ...(subject ? { subject } : {}) },
  });
  expect(r.status()).toBe(200);
  const { callToken } = await r.json();
  return `/c/${callToken}`;
}

test("a call link: 'Call Ada?', video call, ringing, the owner accepts, both sides decode video, hang up", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const owner = await signUpOwner(browser, "Ada");
  const link = await createCallLink(owner, baseURL!, "Quick question");
  const guest = await openGuest(browser, link);
  try {
    await expect(guest.page.getByTestId("callee-name")).toHaveText("Call Ada?");
    await expect(guest.page.getByText("Subject: Quick question")).toBeVisible();
    await expect(guest.page).toHaveTitle("Call Ada — Loop");
    await expect.poll(() => guest.page.getByTestId("preview").evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(2);
    const axe = await new AxeBuilder({ page: guest.page }).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    await guest.page.setViewportSize({ width: 360, height: 740 });
    expect(await guest.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await guest.page.getByRole("button", { name: "Video call" }).click();
    await expect(guest.page.getByTestId("call-progress")).toHaveText("Ringing…", { timeout: 20_000 });

    const ring = owner.page.getByTestId("ring-dialog");
    await expect(ring).toBeVisible({ timeout: 20_000 });
    await ring.getByRole("button", { name: "Accept" }).click();

    await expect(guest.page.getByTestId("call-progress")).toHaveText("Connected", { timeout: 30_000 });
    await expect.poll(() => maxFramesDecoded(guest.page), { timeout: 30_000 }).toBeGreaterThan(10);
    await expect.poll(() => maxFramesDecoded(owner.page), { timeout: 30_000 }).toBeGreaterThan(10);

    await guest.page.getByRole("button", { name: "Leave" }).click();
    await expect(guest.page.getByTestId("call-end")).toHaveAttribute("data-reason", "left");
    await expect(guest.page.getByRole("heading", { level: 1 })).toHaveText("You hung up.");
  } finally {
    await closeAll(guest.context, owner.context);
  }
});

test("a call link: the owner declines, the guest reads it in words and can call again; an unknown link is unavailable", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const owner = await signUpOwner(browser, "Bea");
  const link = await createCallLink(owner, baseURL!);
  const guest = await openGuest(browser, link);
  try {
    await expect(guest.page.getByTestId("callee-name")).toHaveText("Call Bea?");
    await guest.page.getByRole("button", { name: "Audio call" }).click();
    const ring = owner.page.getByTestId("ring-dialog");
    await expect(ring).toContainText("Audio call", { timeout: 20_000 });
    await ring.getByRole("button", { name: "Decline" }).click();
    await expect(guest.page.getByTestId("call-end")).toHaveAttribute("data-reason", "reject", { timeout: 20_000 });
    await expect(guest.page.getByRole("heading", { level: 1 })).toHaveText("Bea declined the call.");
    await guest.page.getByRole("button", { name: "Call again" }).click();
    await expect(guest.page.getByTestId("callee-name")).toHaveText("Call Bea?");

    await guest.page.goto("/c/AAAAAAAAAAAAAAAAAAAAAA");
    await expect(guest.page.getByRole("heading", { level: 1 })).toHaveText("This call link is no longer available");
  } finally {
    await closeAll(guest.context, owner.context);
  }
});
