import { randomInt } from "node:crypto";
import { expect, test } from "./support/test";
import { signUpOwner } from "./owner-helpers";
import { smsCode } from "./support/identity";

test.describe.configure({ timeout: 180_000 });

const number = () => `+1650253${String(randomInt(0, 10_000)).padStart(4, "0")}`;
/** "+16502531234" as a person types it: "+1 650-253-1234". */
const spaced = (e164: string) => `${e164.slice(0, 2)} ${e164.slice(2, 5)}-${e164.slice(5, 8)}-${e164.slice(8)}`;

// Issues 12 and 15: a contact's phone number that is someone's verified identity is called
// directly from the contacts page (POST /calls with the E.164 number) and that person's
// dashboard rings; a number nobody verified gets the offer of a call link instead.
test("call a contact by phone number: B verifies a number, A saves it as a contact and calls it; an unknown number offers a call link", async ({ browser }) => {
  const bea = await signUpOwner(browser, "Bea");
  const arno = await signUpOwner(browser, "Arno");
  const beaNumber = number();
  let nobody = number();
  while (nobody === beaNumber) nobody = number();

  // B verifies her phone number with the code from the SMS stand-in.
  await bea.page.goto("/dashboard/account");
  await bea.page.getByRole("textbox", { name: "Phone number" }).fill(beaNumber);
  await bea.page.getByRole("button", { name: "Send code" }).click();
  await bea.page.getByRole("textbox", { name: "Code from the SMS" }).fill(await smsCode(beaNumber));
  await bea.page.getByRole("button", { name: "Verify" }).click();
  await expect(bea.page.getByText(`${beaNumber} is verified`)).toBeVisible();
  await bea.page.goto("/dashboard");

  // A saves B's number by hand, as a person types it; a national number is refused in words.
  const a = arno.page;
  await a.goto("/dashboard/contacts");
  const addForm = a.locator("form").filter({ has: a.getByRole("heading", { name: "Add a contact" }) });
  await addForm.getByRole("textbox", { name: "Name" }).fill("Bea Mobile");
  await addForm.getByRole("textbox", { name: "Phones" }).fill("650 253 0000");
  await addForm.getByRole("button", { name: "Add contact" }).click();
  await expect(addForm.getByRole("alert")).toHaveText("Enter phone numbers in international form: + then the country code.");
  await addForm.getByRole("textbox", { name: "Phones" }).fill(spaced(beaNumber));
  await addForm.getByRole("button", { name: "Add contact" }).click();
  const row = a.getByTestId("contact").filter({ hasText: "Bea Mobile" });
  await expect(row.getByTestId("contact-phones")).toHaveText(beaNumber);

  // The other number comes from an imported vCard (4.0, tel: URI).
  const vcard = ["BEGIN:VCARD", "VERSION:4.0", "UID:nobody-home", "FN:Nobody Home", `TEL;VALUE=uri;TYPE=cell:tel:${spaced(nobody).replace(/ /g, "-")}`, "END:VCARD", ""].join("\r\n");
  await a.getByLabel("Choose a file…").setInputFiles({ name: "phones.vcf", mimeType: "text/vcard", buffer: Buffer.from(vcard) });
  const imported = a.getByTestId("contact").filter({ hasText: "Nobody Home" });
  await expect(imported.getByTestId("contact-phones")).toHaveText(nobody);

  // Calling B's number: B's dashboard rings; she declines and A is told.
  await row.getByRole("button", { name: `Call Bea Mobile at ${beaNumber}` }).click();
  await expect(a.getByTestId("call-view")).toBeVisible();
  const ring = bea.page.getByTestId("ring-dialog");
  await expect(ring).toBeVisible({ timeout: 20_000 });
  await expect(ring).toContainText(`${arno.email} is calling`);
  await ring.getByRole("button", { name: "Decline" }).click();
  await expect(a.getByTestId("call-status")).toContainText("declined");
  await a.getByTestId("call-view").getByRole("button", { name: "Close" }).click();
  await expect(a.getByTestId("call-view")).toHaveCount(0);

  // A number nobody verified: the call cannot ring anyone (400 / 122), a call link is offered.
  await imported.getByRole("button", { name: `Call Nobody Home at ${nobody}` }).click();
  const offer = a.getByTestId("call-link-offer");
  await expect(offer).toBeVisible({ timeout: 20_000 });
  await offer.getByRole("button", { name: /call link/i }).click();
  await expect(offer.getByTestId("call-link-url")).toContainText("/c/");

  await bea.context.close();
  await arno.context.close();
});
