import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { BookWriter, card, hasRadicale, startRadicale, type Radicale } from "../tests/support/radicale";
import { signUpOwner } from "./owner-helpers";

// An owner keeps their address book on a CardDAV server (a real Radicale, started here; the
// e2e server allows 127.0.0.1 in CARDDAV_ALLOWED_HOSTS). Loop shows it read-only and in step.
test.describe.configure({ timeout: 120_000 });
test.skip(!hasRadicale, "radicale or htpasswd is not installed (apt-get install radicale apache2-utils)");

let dav: Radicale;
test.beforeAll(async () => {
  if (!hasRadicale) return;
  dav = await startRadicale({ username: "olga", password: "olga-pw" });
});
test.afterAll(async () => {
  await dav?.stop();
});

test("an owner adds a CardDAV book, sees its contacts with the source's name, syncs a change, cannot edit a synced contact", async ({ browser }) => {
  const book = await BookWriter.create(dav, "friends", "Friends");
  await book.put("ann", card("ann", "Ann Lee", "ann@nowhere.example"));
  await book.put("ben", card("ben", "Ben Ode", "ben@nowhere.example"));
  // A national number cannot be normalised to E.164 without a country: dropped, so the card has no address.
  await book.put("tel", card("tel", "Only Phone", undefined, ["TEL:01 23 45 67 89"]));

  const owner = await signUpOwner(browser, "Olga");
  const { page } = owner;
  await page.goto("/dashboard/contacts");
  const sources = page.getByRole("region", { name: "Address books" });
  await expect(sources.getByText("No address book yet.", { exact: false })).toBeVisible();

  await sources.getByRole("button", { name: "Add a CardDAV address book" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a CardDAV address book" });
  // Nothing filled in: said in words, nothing sent.
  await dialog.getByRole("button", { name: "Add and sync" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Enter a name, the address, a user name and a password.");
  await dialog.getByLabel("Name", { exact: true }).fill("Friends");
  await dialog.getByLabel("Server or address book address").fill(`${dav.url}/`);
  await dialog.getByLabel("User name").fill("olga");
  await dialog.getByLabel("Password", { exact: true }).fill("olga-pw");
  await dialog.getByRole("button", { name: "Add and sync" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("sources-notice")).toHaveText("Friends was added. Contacts: 2.");

  const source = sources.getByTestId("source");
  await expect(source).toHaveCount(1);
  await expect(source).toContainText("Contacts: 2");
  await expect(source).toContainText("Added 2, updated 0, removed 0.");
  await source.getByText("Cards skipped: 1").click();
  await expect(source).toContainText("Only Phone: it has no email address");

  const contacts = page.getByTestId("contact");
  await expect(contacts).toHaveCount(2);
  await expect(contacts.nth(0)).toContainText("Ann Lee");
  await expect(contacts.nth(0).getByTestId("contact-source")).toContainText("From Friends");
  // Synced contacts are read-only: no edit or remove, and the API refuses naming the source.
  await expect(page.getByRole("button", { name: "Edit Ann Lee" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Remove Ann Lee" })).toHaveCount(0);
  const list = await (await page.request.get("/contacts", { headers: { Accept: "application/json" } })).json();
  const ann = list.contacts.find((c: { name: string }) => c.name === "Ann Lee");
  const refused = await page.request.patch(`/contacts/${ann.id}`, { data: { name: "Hacked" }, headers: { Origin: new URL(page.url()).origin } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error).toContain("Friends");

  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  // Changed on the server: Ann renamed, Ben gone, Cleo new → "Sync now" shows exactly that.
  await book.put("ann", card("ann", "Ann Lee-Smith", "ann@nowhere.example"));
  await book.remove("ben");
  await book.put("cleo", card("cleo", "Cleo Park", "cleo@nowhere.example"));
  await source.getByRole("button", { name: "Sync now: Friends" }).click();
  await expect(page.getByTestId("sources-notice")).toHaveText("Friends: added 1, updated 1, removed 1.");
  await expect(contacts).toHaveCount(2);
  await expect(contacts.nth(0)).toContainText("Ann Lee-Smith");
  await expect(contacts.nth(1)).toContainText("Cleo Park");

  // Nobody is reachable at that address: the call screen offers a call link instead.
  await page.getByRole("button", { name: "Call Cleo Park" }).click();
  const offer = page.getByTestId("call-link-offer");
  await expect(offer).toBeVisible();
  await offer.getByRole("button", { name: "Create a call link for Cleo Park" }).click();
  await expect(offer.getByTestId("call-link-url")).toContainText("/c/");
  await page.getByTestId("call-view").getByRole("button", { name: "Close" }).last().click();

  // Removing the source removes its contacts.
  await source.getByRole("button", { name: "Remove Friends" }).click();
  await page.getByRole("alertdialog", { name: "Remove this address book?" }).getByRole("button", { name: "Remove" }).click();
  await expect(sources.getByTestId("source")).toHaveCount(0);
  await expect(contacts).toHaveCount(0);
  await owner.context.close();
});

test("address books on a 360 px phone: no horizontal scroll, a failing book says why", async ({ browser }) => {
  const owner = await signUpOwner(browser, "Pia", { viewport: { width: 360, height: 740 } });
  const { page } = owner;
  await page.goto("/dashboard/contacts");
  const sources = page.getByRole("region", { name: "Address books" });
  await sources.getByRole("button", { name: "Add a CardDAV address book" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a CardDAV address book" });
  await dialog.getByLabel("Name", { exact: true }).fill("Typo book");
  await dialog.getByLabel("Server or address book address").fill(`${dav.url}/`);
  await dialog.getByLabel("User name").fill("olga");
  await dialog.getByLabel("Password", { exact: true }).fill("wrong-password");
  await dialog.getByRole("button", { name: "Add and sync" }).click();
  await expect(page.getByTestId("sources-notice")).toContainText("Typo book was added, but its first sync failed: The server refused the user name or password.");
  await expect(sources.getByTestId("source-status")).toContainText("Last sync failed: The server refused the user name or password.");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // A private address that is not allowed is refused with the reason.
  await sources.getByRole("button", { name: "Add a CardDAV address book" }).click();
  await dialog.getByLabel("Name", { exact: true }).fill("Inside");
  await dialog.getByLabel("Server or address book address").fill("https://10.0.0.5/dav/");
  await dialog.getByLabel("User name").fill("x");
  await dialog.getByLabel("Password", { exact: true }).fill("y");
  await dialog.getByRole("button", { name: "Add and sync" }).click();
  await expect(dialog.getByRole("alert")).toContainText("private address");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  const pias = await BookWriter.create(dav, `pia-${Date.now()}`, "Pia");
  await pias.put("quin", card("quin", "Quin Roe", "quin@nowhere.example"));
  // The typo is fixed in place (PATCH): the password field starts empty, the sync runs again and succeeds.
  await sources.getByRole("button", { name: "Edit Typo book" }).click();
  const edit = page.getByRole("dialog", { name: "Edit address book" });
  await expect(edit.getByLabel("User name")).toHaveValue("olga");
  await expect(edit.getByLabel("Password", { exact: true })).toHaveValue("");
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await edit.getByLabel("Password", { exact: true }).fill("olga-pw");
  await edit.getByRole("button", { name: "Save and sync" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByTestId("sources-notice")).toContainText("Typo book was saved. Contacts:");
  await expect(sources.getByTestId("source-status")).not.toContainText("Last sync failed");
  expect((await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth))).toBeLessThanOrEqual(0);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await owner.context.close();
});
