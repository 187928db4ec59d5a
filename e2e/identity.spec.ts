import AxeBuilder from "@axe-core/playwright";
import { randomInt } from "node:crypto";
import { expect, test } from "./support/test";
import { signUpOwner } from "./owner-helpers";
import { smsCode, verificationLink } from "./support/identity";

test.describe.configure({ timeout: 150_000 });

// Contract §9 end to end: the mailed link (read from the run's SMTP receiver) verifies the
// address on the account page; a phone number is added with the code from the SMS stand-in;
// a second person calls that number from the contacts page and it rings.
test("sign up → mailed link → verified; add a phone number by SMS code; a second user calls that number and it rings", async ({ browser }) => {
  const ann = await signUpOwner(browser, "Annika", { verify: false });
  const { page } = ann;

  // Unverified: the dashboard says so, and so does the account page.
  await expect(page.getByTestId("verify-email-banner")).toBeVisible();
  await page.goto("/dashboard/account");
  await expect(page.getByTestId("email-state")).toHaveText("Not confirmed yet");

  // The mailed link opens a page; only its button verifies.
  await page.goto(await verificationLink(ann.email));
  await expect(page.getByRole("heading", { name: "Confirm your e-mail address" })).toBeVisible();
  await page.getByRole("button", { name: "Confirm my e-mail address" }).click();
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-result", "verified");
  await page.getByRole("link", { name: "Go to your dashboard" }).click();
  await expect(page.getByTestId("email-state")).toHaveText("Confirmed");
  await expect(page.getByTestId("verify-email-banner")).toHaveCount(0);

  // Add a phone number: a wrong code is refused in words, the right one verifies it.
  const msisdn = `+1650253${String(randomInt(0, 10_000)).padStart(4, "0")}`;
  await page.getByRole("textbox", { name: "Phone number" }).fill("12ab");
  await page.getByRole("button", { name: "Send code" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("not a valid phone number");
  await page.getByRole("textbox", { name: "Phone number" }).fill(msisdn);
  await page.getByRole("button", { name: "Send code" }).click();
  const code = await smsCode(msisdn);
  await page.getByRole("textbox", { name: "Code from the SMS" }).fill(code === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("That code is not right");
  await page.getByRole("textbox", { name: "Code from the SMS" }).fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText(`${msisdn} is verified`)).toBeVisible();
  await expect(page.getByTestId("phone-number")).toContainText(msisdn);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  // A second person calls that number from the contacts page; Ann's dashboard rings.
  await page.goto("/dashboard");
  const bruno = await signUpOwner(browser, "Bruno");
  await bruno.page.goto("/dashboard/contacts");
  await bruno.page.getByRole("textbox", { name: "Phone number" }).fill(msisdn);
  await bruno.page.getByRole("button", { name: "Call number" }).click();
  await expect(bruno.page.getByTestId("call-view")).toBeVisible();
  const ring = page.getByTestId("ring-dialog");
  await expect(ring).toBeVisible({ timeout: 20_000 });
  await expect(ring).toContainText(`${bruno.email} is calling`);
  await ring.getByRole("button", { name: "Decline" }).click();
  await expect(bruno.page.getByTestId("call-status")).toContainText("declined");

  // Removing the number makes it unreachable.
  await page.goto("/dashboard/account");
  await page.getByRole("button", { name: `Remove ${msisdn}` }).click();
  await expect(page.getByText(`${msisdn} was removed.`)).toBeVisible();
  await expect(page.getByTestId("phone-number")).toHaveCount(0);

  await ann.context.close();
  await bruno.context.close();
});

test("the verification page works without JavaScript", async ({ browser }) => {
  const ann = await signUpOwner(browser, "Nojs", { verify: false });
  const link = await verificationLink(ann.email);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my e-mail address" }).click();
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-result", "verified");
  await context.close();
  await ann.page.goto("/dashboard/account");
  await expect(ann.page.getByTestId("email-state")).toHaveText("Confirmed");
  await ann.context.close();
});

test("the account page's e-mail and phone parts and the verification page fit a 360 px screen and are accessible", async ({ browser }) => {
  const ann = await signUpOwner(browser, "Small", { verify: false, viewport: { width: 360, height: 740 } });
  const { page } = ann;
  const noHorizontalScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  await page.goto("/dashboard/account");
  await expect(page.getByTestId("email-state")).toHaveText("Not confirmed yet");
  // Resend: a new link goes out, said in words.
  await page.getByRole("button", { name: "Send the link again" }).click();
  await expect(page.getByText(`We sent a new link to ${ann.email}.`)).toBeVisible();
  await page.getByRole("textbox", { name: "Phone number" }).fill("+16502530000");
  // The change-of-address form, open.
  await page.getByRole("button", { name: "Change e-mail" }).click();
  await expect(page.getByRole("textbox", { name: "New e-mail address" })).toBeVisible();
  await expect.poll(noHorizontalScroll).toBe(true);
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);

  await page.goto(await verificationLink(ann.email, 2));
  await expect.poll(noHorizontalScroll).toBe(true);
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
  await page.getByRole("button", { name: "Confirm my e-mail address" }).click();
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-result", "verified");
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
  await ann.context.close();
});

test("a code tried five times is dead: the page says so, sends a new one, and the new one works", async ({ browser }) => {
  const ann = await signUpOwner(browser, "Tries");
  const { page } = ann;
  await page.goto("/dashboard/account");
  const msisdn = `+1650253${String(randomInt(0, 10_000)).padStart(4, "0")}`;
  await page.getByRole("textbox", { name: "Phone number" }).fill(msisdn);
  await page.getByRole("button", { name: "Send code" }).click();
  const code = await smsCode(msisdn);
  const wrong = code === "000000" ? "111111" : "000000";
  const alert = page.getByRole("main").getByRole("alert");
  for (let i = 0; i < 5; i++) {
    await page.getByRole("textbox", { name: "Code from the SMS" }).fill(wrong);
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(alert).toContainText("That code is not right");
    await expect(page.getByRole("button", { name: "Verify" })).toBeEnabled();
  }
  // The right code is refused now; a new one is sent at once.
  await page.getByRole("textbox", { name: "Code from the SMS" }).fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(alert).toContainText("We sent a new one.");
  const fresh = await smsCode(msisdn, 2);
  await page.getByRole("textbox", { name: "Code from the SMS" }).fill(fresh);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("phone-number")).toContainText(msisdn);
  await ann.context.close();
});

test("change of address: the account page mails a link to the new address; once used, the new address rings and the old one is not reachable", async ({ browser }) => {
  const ann = await signUpOwner(browser, "Anouk");
  const bruno = await signUpOwner(browser, "Bram");
  const { page } = ann;
  const newEmail = `anouk-new-${randomInt(0, 1e9)}@example.test`;

  await page.goto("/dashboard/account");
  await expect(page.getByTestId("email-state")).toHaveText("Confirmed");
  await page.getByRole("button", { name: "Change e-mail" }).click();
  await page.getByRole("textbox", { name: "New e-mail address" }).fill(newEmail);
  await page.getByLabel("Current password").fill("not-my-password");
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("That password is not right.");
  await page.getByLabel("Current password").fill(ann.password);
  await page.getByRole("button", { name: "Send the link" }).click();
  // Pending: the old address stays until the link is used.
  await expect(page.getByTestId("email-pending")).toContainText(`We sent a link to ${newEmail}. Until you open it, ${ann.email} stays your address`);
  await expect(page.getByTestId("email-state")).toHaveText("Confirmed");
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);

  // The link from the SMTP receiver, its button, and the account page shows the new address, confirmed.
  await page.goto(await verificationLink(newEmail));
  await page.getByRole("button", { name: "Confirm my e-mail address" }).click();
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-result", "changed");
  await page.getByRole("link", { name: "Go to your dashboard" }).click();
  await expect(page.getByTestId("email-state")).toHaveText("Confirmed");
  await expect(page.locator("#email-state-title").locator("..")).toContainText(newEmail);
  await expect(page.getByTestId("email-pending")).toHaveCount(0);
  await page.goto("/dashboard");

  // A second person: the old address cannot be reached; the new one rings Ann.
  await bruno.page.goto("/dashboard/contacts");
  for (const [name, email] of [["Anouk old", ann.email], ["Anouk new", newEmail]]) {
    await bruno.page.getByLabel("Name", { exact: true }).fill(name);
    await bruno.page.getByLabel("Email", { exact: true }).fill(email);
    await bruno.page.getByRole("button", { name: "Add contact" }).click();
    await expect(bruno.page.getByTestId("contact").filter({ hasText: email })).toBeVisible();
  }
  await bruno.page.getByRole("button", { name: "Call Anouk old" }).click();
  await expect(bruno.page.getByTestId("call-status")).toHaveText("Anouk old cannot be reached on Loop.");
  await expect(page.getByTestId("ring-dialog")).toHaveCount(0);
  await bruno.page.getByTestId("call-view").getByRole("button", { name: "Close" }).click();
  await bruno.page.getByRole("button", { name: "Call Anouk new" }).click();
  const ring = page.getByTestId("ring-dialog");
  await expect(ring).toBeVisible({ timeout: 20_000 });
  await expect(ring).toContainText(`${bruno.email} is calling`);
  await ring.getByRole("button", { name: "Decline" }).click();
  await expect(bruno.page.getByTestId("call-status")).toContainText("declined");

  await ann.context.close();
  await bruno.context.close();
});
