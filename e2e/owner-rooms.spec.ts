import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./support/test";
import { createRoom, expectVideoFlowing, guestJoins, roomCard, signUpOwner } from "./owner-helpers";

test.describe.configure({ timeout: 120_000 });

test("sign up → create a room → a guest joins from its link → the dashboard lists the guest live → the owner joins → video both ways", async ({ browser }) => {
  const owner = await signUpOwner(browser, "Olivia");
  const { page } = owner;
  await expect(page.getByRole("heading", { name: "No rooms yet" })).toBeVisible();
  const link = await createRoom(page, "Planning", { first: true });

  // The card copies the full link, #key included.
  const card = roomCard(page, "Planning");
  await expect(card).toBeVisible();
  await card.getByRole("button", { name: "Copy link" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await card.getByRole("button", { name: "QR code" }).click();
  await expect(page.getByTestId("room-qr").locator("svg")).toBeVisible();
  await page.getByRole("dialog", { name: "QR code for Planning" }).getByRole("button", { name: "Close" }).click();

  // The dashboard's own reads of the room from here on (there should be none: see below).
  const roomToken = new URL(link).pathname.slice(1);
  const reads: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "GET" && new URL(r.url()).pathname === `/rooms/${roomToken}`) reads.push(r.url());
  });
  const guest = await guestJoins(browser, link, "Alice");
  // No polling: the name arrives over GET /events. The toast says who joined which room.
  await expect(card.getByTestId("room-participants")).toContainText("Alice");
  await expect(card.getByTestId("participant-count")).toHaveText("In the room: 1 of 5");
  await expect(page.getByTestId("toast").filter({ hasText: "Alice joined Planning" })).toBeVisible();
  // The join's event carried the participants: no re-read of the room sat between it and the card.
  expect(reads).toEqual([]);

  await card.getByRole("link", { name: "Join Planning" }).click();
  await page.waitForURL(/#/);
  // Signed in: the account's name is offered, no typing needed.
  await expect(page.getByLabel("Your name")).toHaveValue("Olivia");
  await page.getByRole("button", { name: "Join now" }).click();
  await expect(page.getByTestId("in-call")).toBeVisible();
  await expectVideoFlowing(page);
  await expectVideoFlowing(guest.page);

  await guest.context.close();
  await owner.context.close();
});

test("renaming a room changes the name the guest sees; deleting it makes the link show the expired screen", async ({ browser }) => {
  const owner = await signUpOwner(browser, "Rita");
  const { page } = owner;
  const link = await createRoom(page, "Old name", { first: true });

  const visitor = await browser.newContext();
  const guestPage = await visitor.newPage();
  await guestPage.goto(link);
  await expect(guestPage.getByText("Old name")).toBeVisible();

  const card = roomCard(page, "Old name");
  await card.getByRole("button", { name: "Rename" }).click();
  const dialog = page.getByRole("dialog", { name: "Rename room" });
  await dialog.getByLabel("Room name").fill("New name");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(roomCard(page, "New name")).toBeVisible();

  await guestPage.reload();
  await expect(guestPage.getByText("New name")).toBeVisible();
  await expect(guestPage.getByText("Old name")).toHaveCount(0);

  await roomCard(page, "New name").getByRole("button", { name: "Delete" }).click();
  await page.getByRole("alertdialog", { name: "Delete this room?" }).getByRole("button", { name: "Delete" }).click();
  await expect(roomCard(page, "New name")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "No rooms yet" })).toBeVisible();

  await guestPage.reload();
  await expect(guestPage.getByTestId("unavailable")).toBeVisible();

  await visitor.close();
  await owner.context.close();
});

test("expiry change, several rooms deleted at once, and a room locked on another browser unlocks with its link", async ({ browser }) => {
  const owner = await signUpOwner(browser, "Mia");
  const { page } = owner;
  const first = await createRoom(page, "One", { first: true });
  await createRoom(page, "Two");
  await createRoom(page, "Three");

  await roomCard(page, "One").getByRole("button", { name: "Change expiry" }).click();
  const expiry = page.getByRole("dialog", { name: "Change expiry" });
  await expiry.getByLabel("Keep the room for").selectOption({ label: "1 day" });
  await expiry.getByRole("button", { name: "Save" }).click();
  await expect(expiry).toBeHidden();
  const expires = await roomCard(page, "One").getByText(/^Expires /).textContent();
  const when = Date.parse(expires!.replace(/^Expires /, ""));
  expect(Math.abs(when - (Date.now() + 24 * 3600_000))).toBeLessThan(5 * 60_000);

  // Same account, another browser: no account key there, so the rooms are locked.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto("/sign-in?callbackUrl=/dashboard");
  await otherPage.getByLabel("Email address").fill(owner.email);
  await otherPage.getByRole("textbox", { name: "Password" }).fill(owner.password);
  await otherPage.getByRole("button", { name: "Sign in" }).click();
  await otherPage.waitForURL((u) => u.pathname === "/dashboard");
  await expect(otherPage.getByTestId("room-card")).toHaveCount(3);
  await expect(otherPage.getByRole("heading", { name: "Locked room" })).toHaveCount(3);
  const lockedOne = otherPage.getByTestId("room-card").filter({ has: otherPage.locator(`[data-room-token="${new URL(first).pathname.slice(1)}"]`) });
  const token = new URL(first).pathname.slice(1);
  await otherPage.locator(`[data-room-token="${token}"]`).getByRole("button", { name: "Unlock with its link" }).click();
  const unlock = otherPage.getByRole("dialog", { name: "Unlock room" });
  await unlock.getByLabel("Room link").fill(first.replace(/#.*/, "#AAAAAAAAAAAAAAAAAAAAAA"));
  await unlock.getByRole("button", { name: "Unlock" }).click();
  await expect(unlock.getByRole("alert")).toHaveText("That link's key does not open this room.");
  await unlock.getByLabel("Room link").fill(first);
  await unlock.getByRole("button", { name: "Unlock" }).click();
  await expect(roomCard(otherPage, "One")).toBeVisible();
  void lockedOne;
  await other.close();

  await page.getByRole("checkbox", { name: "Select Two" }).check();
  await page.getByRole("checkbox", { name: "Select Three" }).check();
  await page.getByRole("button", { name: "Delete selected (2)" }).click();
  await page.getByRole("alertdialog", { name: "Delete these rooms?" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("room-card")).toHaveCount(1);
  await expect(roomCard(page, "One")).toBeVisible();
  await owner.context.close();
});

test("axe: sign-in and dashboard pages are clean; the dashboard works at 360 px", async ({ browser }) => {
  const anon = await browser.newContext();
  const signIn = await anon.newPage();
  await signIn.goto("/sign-in");
  expect((await new AxeBuilder({ page: signIn }).analyze()).violations).toEqual([]);
  await anon.close();

  const owner = await signUpOwner(browser, "Nina", { viewport: { width: 360, height: 740 } });
  const { page } = owner;
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await createRoom(page, "Small screen", { first: true });
  await expect(roomCard(page, "Small screen")).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  // Nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.getByRole("button", { name: "New room" }).click();
  expect((await new AxeBuilder({ page }).include("dialog[open]").analyze()).violations).toEqual([]);
  await page.getByRole("dialog", { name: "New room" }).getByRole("button", { name: "Cancel" }).click();

  for (const path of ["/dashboard/links", "/dashboard/contacts", "/dashboard/account"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect((await new AxeBuilder({ page }).analyze()).violations, path).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
  }
  await owner.context.close();
});
