import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { en } from "../lib/i18n/en";
import { catalogs } from "../lib/i18n";
import type { Locale } from "../lib/i18n/locales";
import { createRoom } from "./support/loop-api";
import { closeAll } from "./support/guest";
import { expectVideoFlowing, signUpOwner } from "./owner-helpers";

/**
 * Every visitor in their own language: real Chromium with `locale` (which also sets
 * Accept-Language), the first paint already translated, right-to-left Arabic, the switcher.
 */
test.describe.configure({ mode: "serial", timeout: 150_000 });

const words = (s: string) => new Set(s.toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length >= 3));

/** Words of the English UI that the translation never uses ("join", "call", "room"…). */
function englishOnlyWords(locale: Locale): Set<string> {
  const target = words(Object.values(catalogs[locale]).join(" "));
  const out = new Set<string>();
  for (const w of words(Object.values(en).join(" "))) if (!target.has(w)) out.add(w);
  return out;
}

/** Everything a person reads or hears on the page: text, and names of controls, titles, placeholders. */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attrs = [...document.querySelectorAll("[aria-label],[title],[placeholder],[alt]")]
      .map((el) => ["aria-label", "title", "placeholder", "alt"].map((a) => el.getAttribute(a) ?? "").join(" "))
      .join(" ");
    return `${document.body.innerText} ${attrs} ${document.title}`.replace(/https?:\/\/\S+|\S+@\S+/g, " ");
  });
}

/** The fake camera's and microphone's names are the device's, not our UI's. */
async function deviceLabels(page: Page): Promise<string[]> {
  const labels = await page.evaluate(async () => (await navigator.mediaDevices.enumerateDevices()).map((d) => d.label).join(" "));
  return [...words(labels)];
}

async function expectNoEnglish(page: Page, locale: Locale, allowed: string[] = []) {
  const english = englishOnlyWords(locale);
  const skip = new Set([...allowed.map((w) => w.toLowerCase()), ...(await deviceLabels(page))]);
  const found = [...words(await visibleText(page))].filter((w) => english.has(w) && !skip.has(w));
  expect(found, `English words on a ${locale} screen`).toEqual([]);
}

async function visitor(browser: Browser, locale: string, viewport?: { width: number; height: number }) {
  const context = await browser.newContext({ locale, viewport, permissions: ["camera", "microphone"] });
  return { context, page: await context.newPage() };
}

async function noHorizontalScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

test("a French visitor sees the room page, joins, chats and ends the call in French", async ({ browser, baseURL }) => {
  const room = await createRoom(baseURL!, { roomName: "Réunion", roomOwner: "Ada" });
  const fr = await visitor(browser, "fr-FR");
  const other = await visitor(browser, "en-US");
  try {
    // Server-rendered in French from the browser's Accept-Language: the HTML itself, before any script runs.
    const response = await fr.page.goto(room.link);
    expect(await response!.request().headerValue("accept-language")).toMatch(/^fr/);
    const html = await response!.text();
    expect(html).toMatch(/<html[^>]*lang="fr"[^>]*dir="ltr"/);
    expect(html).toContain("Chargement de la conversation…");
    await expect(fr.page.getByTestId("invited-by")).toHaveText("Ada vous invite à");
    await expect(fr.page.getByTestId("room-name")).toHaveText("Réunion");
    await expect(fr.page.locator("html")).toHaveAttribute("lang", "fr");
    await expect.poll(() => fr.page.getByTestId("preview").evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(2);
    await expectNoEnglish(fr.page, "fr", ["ada"]);

    await fr.page.getByLabel("Votre nom").fill("Zoé");
    await fr.page.getByRole("button", { name: "Entrer" }).click();
    await expect(fr.page.getByTestId("in-call")).toBeVisible();
    await expect(fr.page.getByTestId("waiting")).toContainText("Vous êtes seul ici");
    await expectNoEnglish(fr.page, "fr", ["ada"]);

    // An English participant joins: each keeps their own language.
    await other.page.goto(room.link);
    await other.page.getByLabel("Your name").fill("Bob");
    await other.page.getByRole("button", { name: "Join now" }).click();
    await expect(other.page.getByTestId("in-call")).toBeVisible();
    await expect(fr.page.getByTestId("tile-remote")).toHaveAttribute("data-participant", "Bob");
    // Connected (chat travels on the peer connection's data channel, open once media flows).
    await expectVideoFlowing(fr.page);

    await fr.page.getByRole("button", { name: "Messages" }).click();
    await fr.page.getByRole("textbox", { name: "Message" }).fill("bonjour");
    await fr.page.getByRole("button", { name: "Envoyer" }).click();
    await other.page.getByRole("button", { name: "Chat" }).click();
    await expect(other.page.getByTestId("chat-message").filter({ hasText: "bonjour" })).toContainText("Zoé");
    await other.page.getByLabel("Message").fill("salut");
    await other.page.keyboard.press("Enter");
    await expect(fr.page.getByTestId("chat-message").filter({ hasText: "salut" })).toBeVisible();
    await expectNoEnglish(fr.page, "fr", ["bob", "ada"]);

    // Switching language mid-call: the controls change at once, the call goes on (nothing remounts).
    await fr.page.getByRole("combobox", { name: "Langue" }).selectOption("es");
    await expect(fr.page.getByRole("button", { name: "Salir" })).toBeVisible();
    await expect(fr.page.locator("html")).toHaveAttribute("lang", "es");
    await expect(fr.page.getByTestId("tile-remote")).toHaveAttribute("data-participant", "Bob");
    await expect(fr.page.getByTestId("chat-message").filter({ hasText: "salut" })).toBeVisible();
    await expectVideoFlowing(fr.page);
    await fr.page.getByRole("combobox", { name: "Idioma" }).selectOption("fr");
    await expect(fr.page.getByRole("button", { name: "Quitter" })).toBeVisible();

    await fr.page.getByRole("button", { name: "Quitter" }).click();
    await expect(fr.page.getByRole("heading", { name: "Vous avez quitté la conversation" })).toBeVisible();
    await expectNoEnglish(fr.page, "fr", ["ada"]);
  } finally {
    await closeAll(fr.context, other.context);
  }
});

test("an English visitor still gets English", async ({ browser, baseURL }) => {
  const room = await createRoom(baseURL!, { roomName: "Standup", roomOwner: "Ada" });
  const v = await visitor(browser, "en-GB");
  try {
    await v.page.goto(room.link);
    await expect(v.page.locator("html")).toHaveAttribute("lang", "en");
    await expect(v.page.getByTestId("invited-by")).toHaveText("Ada invited you to");
    await expect(v.page.getByRole("button", { name: "Join now" })).toBeVisible();
  } finally {
    await v.context.close();
  }
});

test("an Arabic visitor's room page and call screen are right-to-left, axe-clean, and fit 360 px", async ({ browser, baseURL }) => {
  const room = await createRoom(baseURL!, { roomName: "اجتماع", roomOwner: "Ada" });
  const ar = await visitor(browser, "ar-EG", { width: 360, height: 740 });
  const other = await visitor(browser, "en-US");
  try {
    await ar.page.goto(room.link);
    await expect(ar.page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(ar.page.locator("html")).toHaveAttribute("lang", "ar");
    await expect(ar.page.getByTestId("invited-by")).toHaveText("يدعوك Ada إلى");
    await expect.poll(() => ar.page.getByTestId("preview").evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(2);
    // Laid out right to left: the heading's text starts at the right edge.
    expect(await ar.page.getByTestId("room-name").evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
    expect((await new AxeBuilder({ page: ar.page }).analyze()).violations).toEqual([]);
    await noHorizontalScroll(ar.page);
    await expectNoEnglish(ar.page, "ar", ["ada", "loop"]);

    await ar.page.getByLabel("اسمك").fill("ليلى");
    await ar.page.getByRole("button", { name: "انضم الآن" }).click();
    await expect(ar.page.getByTestId("in-call")).toBeVisible();
    await other.page.goto(room.link);
    await other.page.getByLabel("Your name").fill("Bob");
    await other.page.getByRole("button", { name: "Join now" }).click();
    await expect(ar.page.getByTestId("tile-remote")).toHaveAttribute("data-participant", "Bob");
    await expectVideoFlowing(ar.page);
    await ar.page.getByRole("button", { name: "الدردشة" }).click();
    await ar.page.getByRole("textbox", { name: "الرسالة" }).fill("مرحبا");
    await ar.page.getByRole("button", { name: "إرسال" }).click();
    await other.page.getByRole("button", { name: "Chat" }).click();
    await expect(other.page.getByTestId("chat-message").filter({ hasText: "مرحبا" })).toContainText("ليلى");

    expect((await new AxeBuilder({ page: ar.page }).analyze()).violations).toEqual([]);
    await noHorizontalScroll(ar.page);
    await expectNoEnglish(ar.page, "ar", ["bob", "loop"]);
  } finally {
    await closeAll(ar.context, other.context);
  }
});

test("switching language on a page applies at once and is remembered on this device", async ({ browser }) => {
  const v = await visitor(browser, "en-US");
  try {
    await v.page.goto("/");
    await expect(v.page.getByRole("heading", { level: 1 })).toHaveText(en["landing.title"]);
    await v.page.getByRole("combobox", { name: "Language" }).selectOption("de");
    // No navigation: the same document, now German, <html lang> updated.
    await expect(v.page.getByRole("heading", { level: 1 })).toHaveText(catalogs.de["landing.title"]);
    await expect(v.page.locator("html")).toHaveAttribute("lang", "de");
    await expectNoEnglish(v.page, "de");

    await v.page.getByRole("combobox", { name: "Sprache" }).selectOption("ar");
    await expect(v.page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(v.page.getByRole("heading", { level: 1 })).toHaveText(catalogs.ar["landing.title"]);

    // Remembered: a reload and another page, though the browser still asks for English.
    await v.page.goto("/sign-in");
    await expect(v.page.locator("html")).toHaveAttribute("lang", "ar");
    await expect(v.page.getByRole("heading", { level: 1 })).toHaveText(catalogs.ar["auth.signIn.title"]);
  } finally {
    await v.context.close();
  }
});

test("a German owner's dashboard and incoming ring are German; their choice follows them to a new device", async ({ browser }) => {
  const email = `lena-${randomBytes(5).toString("hex")}@example.test`;
  const password = `pw-${randomBytes(8).toString("hex")}`;
  const de = await browser.newContext({ locale: "de-DE", permissions: ["camera", "microphone"] });
  const page = await de.newPage();
  await page.goto("/sign-up?callbackUrl=/dashboard");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Konto erstellen");
  await page.getByLabel("Ihr Name").fill("Lena");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByRole("textbox", { name: "Passwort" }).fill(password);
  await page.getByRole("button", { name: "Konto erstellen" }).click();
  await page.waitForURL((u) => u.pathname === "/dashboard");
  await expect(page.getByRole("heading", { name: "Ihre Räume" })).toBeVisible();
  await expectNoEnglish(page, "de", ["lena"]);

  await page.getByRole("link", { name: "Anruf-Links" }).click();
  await page.getByLabel("Für wen").fill("Oma");
  await page.getByRole("button", { name: "Link erstellen" }).click();
  const url = (await page.getByTestId("call-link").filter({ hasText: "Für Oma" }).locator("p.font-mono").textContent())!;
  await expectNoEnglish(page, "de", ["lena", "oma"]);

  const caller = await visitor(browser, "en-US");
  try {
    await caller.page.goto(url);
    await caller.page.getByRole("button", { name: "Video call" }).click();
    const ring = page.getByTestId("ring-dialog");
    await expect(ring).toContainText("Oma ruft an");
    await expect(ring.getByRole("button", { name: "Annehmen" })).toBeVisible();
    await expectNoEnglish(page, "de", ["lena", "oma"]);
    expect((await new AxeBuilder({ page }).include("[data-testid=ring-dialog]").analyze()).violations).toEqual([]);
    await ring.getByRole("button", { name: "Ablehnen" }).click();
    await expect(ring).toBeHidden();

    // Chosen on the account: Español, then a new browser that asks for English signs in.
    await page.getByRole("combobox", { name: "Sprache" }).selectOption("es");
    await expect(page.getByRole("heading", { name: "Enlaces de llamada" })).toBeVisible();
    const fresh = await browser.newContext({ locale: "en-US" });
    const p2 = await fresh.newPage();
    await p2.goto("/sign-in?callbackUrl=/dashboard");
    await p2.getByLabel("Email address").fill(email);
    await p2.getByRole("textbox", { name: "Password" }).fill(password);
    await p2.getByRole("button", { name: "Sign in" }).click();
    await p2.waitForURL((u) => u.pathname === "/dashboard");
    await expect(p2.getByRole("heading", { name: "Tus salas" })).toBeVisible();
    await expect(p2.locator("html")).toHaveAttribute("lang", "es");
    await fresh.close();
  } finally {
    await closeAll(caller.context, de);
  }
});

test("the e-mail verification pages speak the visitor's language", async ({ browser }) => {
  const fr = await visitor(browser, "fr-FR");
  const de = await visitor(browser, "de-DE");
  try {
    const response = await fr.page.goto(`/verify-email/${"x".repeat(32)}`);
    expect(await response!.text()).toMatch(/<html[^>]*lang="fr"/);
    await expect(fr.page.getByRole("heading", { level: 1 })).toHaveText(catalogs.fr["identity.verify.title"]);
    await expect(fr.page.getByRole("button", { name: catalogs.fr["identity.verify.submit"] })).toBeVisible();
    await expect(fr.page).toHaveTitle(new RegExp(`^${catalogs.fr["identity.verify.title"]}`));
    await expectNoEnglish(fr.page, "fr");
    // The button posts the link; an unknown one lands on the result page, in German for a German visitor.
    await de.page.goto(`/verify-email/${"y".repeat(32)}`);
    await de.page.getByRole("button", { name: catalogs.de["identity.verify.submit"] }).click();
    await expect(de.page.getByTestId("verify-result")).toHaveText(catalogs.de["identity.verify.invalid"]);
    await expect(de.page).toHaveTitle(new RegExp(`^${catalogs.de["identity.verify.title"]}`));
    await expectNoEnglish(de.page, "de");
  } finally {
    await closeAll(fr.context, de.context);
  }
});
