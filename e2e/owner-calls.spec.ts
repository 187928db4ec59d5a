import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./support/test";
import { expectVideoFlowing, signUpOwner } from "./owner-helpers";
import { setServerClockOffset } from "./support/clock";

test.describe.configure({ timeout: 150_000 });

const ringing = (page: import("@playwright/test").Page) => page.evaluate(() => window.__loopRinging?.() ?? false);

test("A calls B from contacts: B rings in two tabs, accepts in one, the other stops; video both ways; then B declines and A reads “declined”", async ({ browser }) => {
  const a = await signUpOwner(browser, "Anna");
  const b = await signUpOwner(browser, "Bruno");
  const bTab2 = await b.context.newPage();
  await bTab2.goto("/dashboard");
  await expect(bTab2.getByRole("heading", { name: "Your rooms" })).toBeVisible();

  // A adds B to her contacts and calls.
  await a.page.goto("/dashboard/contacts");
  await a.page.getByLabel("Name", { exact: true }).fill("Bruno B.");
  await a.page.getByLabel("Email", { exact: true }).fill(b.email);
  await a.page.getByRole("button", { name: "Add contact" }).click();
  await expect(a.page.getByTestId("contact").filter({ hasText: b.email })).toBeVisible();
  await a.page.getByRole("button", { name: "Call Bruno B." }).click();
  await expect(a.page.getByTestId("call-view")).toBeVisible();

  // Both of B's tabs ring: dialog and sound.
  for (const tab of [b.page, bTab2]) {
    const ring = tab.getByTestId("ring-dialog");
    await expect(ring).toBeVisible();
    await expect(ring).toContainText(`${a.email} is calling`);
    await expect.poll(() => ringing(tab)).toBe(true);
  }
  await expect(a.page.getByTestId("call-status")).toHaveText("Ringing Bruno B.…");

  // B accepts in the first tab; the second stops ringing (answered elsewhere).
  await b.page.getByTestId("ring-dialog").getByRole("button", { name: "Accept" }).click();
  await expect(bTab2.getByTestId("ring-dialog")).toBeHidden();
  await expect.poll(() => ringing(bTab2)).toBe(false);
  await expect(bTab2.getByTestId("call-view")).toHaveCount(0);

  await expect(b.page.getByTestId("call-view")).toBeVisible();
  await expectVideoFlowing(a.page);
  await expectVideoFlowing(b.page);
  await expect(a.page.getByTestId("call-status")).toHaveText("In a call with Bruno B.");

  // A hangs up; B's call screen says so.
  await a.page.getByRole("button", { name: "Hang up" }).click();
  await expect(a.page.getByTestId("call-status")).toHaveText("The call has ended.");
  await expect(b.page.getByTestId("call-status")).toHaveText("The call has ended.", { timeout: 20_000 });
  await a.page.getByTestId("call-view").getByRole("button", { name: "Close" }).click();
  await b.page.getByTestId("call-view").getByRole("button", { name: "Close" }).click();

  // Second call: B declines; A reads it in words.
  await a.page.getByRole("button", { name: "Call Bruno B." }).click();
  await expect(bTab2.getByTestId("ring-dialog")).toBeVisible();
  await expect(b.page.getByTestId("ring-dialog")).toBeVisible();
  await bTab2.getByTestId("ring-dialog").getByRole("button", { name: "Decline" }).click();
  await expect(a.page.getByTestId("call-status")).toHaveText("Bruno B. declined the call.");
  await expect(b.page.getByTestId("ring-dialog")).toBeHidden();
  await expect.poll(() => ringing(b.page)).toBe(false);

  await a.context.close();
  await b.context.close();
});

test("calling an address with no Loop account says so in words", async ({ browser }) => {
  const a = await signUpOwner(browser, "Carla");
  await a.page.goto("/dashboard/contacts");
  await a.page.getByLabel("Name", { exact: true }).fill("Nobody");
  await a.page.getByLabel("Email", { exact: true }).fill("nobody-here@example.test");
  await a.page.getByRole("button", { name: "Add contact" }).click();
  await a.page.getByRole("button", { name: "Call Nobody" }).click();
  await expect(a.page.getByTestId("call-status")).toHaveText("Nobody cannot be reached on Loop.");
  await a.context.close();
});

test("a call link rings the owner's dashboard; accepted it carries video; unanswered, the caller reads “did not answer” and the owner gets a missed-call toast", async ({ browser }) => {
  const owner = await signUpOwner(browser, "Lena");
  const { page } = owner;
  await page.goto("/dashboard/links");
  await page.getByLabel("For whom").fill("Grandma");
  await page.getByRole("button", { name: "Create link" }).click();
  const url = (await page.getByTestId("call-link").filter({ hasText: "For Grandma" }).locator("p.font-mono").textContent())!;

  const visitor = await browser.newContext({ permissions: ["camera", "microphone"] });
  const v = await visitor.newPage();
  await v.goto(url);
  await v.getByRole("button", { name: "Video call" }).click();

  const ring = page.getByTestId("ring-dialog");
  await expect(ring).toContainText("Grandma is calling");
  expect((await new AxeBuilder({ page }).include("[data-testid=ring-dialog]").analyze()).violations).toEqual([]);
  await ring.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByTestId("call-view")).toBeVisible();
  await expectVideoFlowing(page);
  await expectVideoFlowing(v);
  await page.getByRole("button", { name: "Hang up" }).click();
  await page.getByTestId("call-view").getByRole("button", { name: "Close" }).click();

  // Again, and nobody answers: the server's ringing timer (CALL_RINGING_SEC, 30 s) ends it. The
  // server's clock is moved past it rather than waited out.
  await v.reload();
  await v.getByRole("button", { name: "Video call" }).click();
  await expect(ring).toBeVisible();
  try {
    setServerClockOffset(31_000);
    await expect(v.getByText("Lena did not answer.")).toBeVisible({ timeout: 15_000 });
    await expect(ring).toBeHidden();
    await expect(page.getByTestId("toast").filter({ hasText: "Missed call from Grandma." })).toBeVisible();
  } finally {
    setServerClockOffset(0);
  }
  await visitor.close();
  await owner.context.close();
});
