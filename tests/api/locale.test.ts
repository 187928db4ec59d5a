import { describe, expect, inject, it } from "vitest";
import { signUp } from "../support/web-user";

/**
 * The language switcher's endpoint and the server-rendered language: the choice becomes a
 * cookie for everyone and, signed in, the account's language that a new device starts with;
 * `<html lang dir>` follows cookie, account and Accept-Language in that order.
 */
const base = inject("apiUrl");

async function page(path: string, headers: Record<string, string>) {
  const r = await fetch(`${base}${path}`, { headers: { Accept: "text/html", ...headers }, redirect: "manual" });
  return { status: r.status, html: await r.text() };
}
const htmlTag = (html: string) => /<html[^>]*>/.exec(html)?.[0] ?? "";

async function choose(locale: unknown, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/locale`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: base, ...headers },
    body: JSON.stringify({ locale }),
  });
}

describe("choosing the language", () => {
  it("a language cookie that does not decode is ignored, not a 500 (sign-up mails in the browser's language)", async () => {
    const email = `bad-cookie-${Date.now()}@example.com`;
    const r = await fetch(`${base}/api/sign-up`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: base, Cookie: "loop_lang=%zz", "Accept-Language": "fr" },
      body: JSON.stringify({ email, password: "correct horse battery", name: "Zed" }),
    });
    expect(r.status).toBe(201);
    expect(htmlTag((await page("/", { "Accept-Language": "de", Cookie: "loop_lang=%E0%A4%A" })).html)).toMatch(/lang="de"/);
  });

  it("Accept-Language decides the first visit, server-rendered, Arabic right-to-left", async () => {
    expect(htmlTag((await page("/", { "Accept-Language": "de-CH, de;q=0.9, en;q=0.5" })).html)).toMatch(/lang="de" dir="ltr"/);
    const ar = await page("/sign-in", { "Accept-Language": "ar-SA" });
    expect(htmlTag(ar.html)).toMatch(/lang="ar" dir="rtl"/);
    expect(ar.html).toContain("تسجيل الدخول");
    expect(htmlTag((await page("/", { "Accept-Language": "ja, zh;q=0.8" })).html)).toMatch(/lang="en" dir="ltr"/);
  });

  it("a choice is a cookie that beats Accept-Language; a bad one is a 400 that sets nothing", async () => {
    const ok = await choose("es");
    expect(ok.status).toBe(200);
    const cookie = ok.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^loop_lang=es; Path=\/; Max-Age=31536000; SameSite=Lax/);
    expect(htmlTag((await page("/", { "Accept-Language": "fr", Cookie: "loop_lang=es" })).html)).toMatch(/lang="es"/);

    const bad = await choose("xx");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 400, errno: 107 });
    expect(bad.headers.get("set-cookie")).toBeNull();
    expect((await choose(undefined)).status).toBe(400);
  });

  it("signed in, the choice is kept on the account: a new device without the cookie starts in it", async () => {
    const user = await signUp(base);
    // Nothing chosen yet: the browser's language.
    expect(htmlTag((await page("/sign-in", { Cookie: user.cookie, "Accept-Language": "en" })).html)).toMatch(/lang="en"/);
    expect((await choose("fr", { Cookie: user.cookie })).status).toBe(200);
    const fresh = await page("/sign-in", { Cookie: user.cookie, "Accept-Language": "de" });
    expect(htmlTag(fresh.html)).toMatch(/lang="fr"/);
    expect(fresh.html).toContain("Vous êtes connecté en tant que");
    // This device's cookie still wins over the account.
    expect(htmlTag((await page("/sign-in", { Cookie: `${user.cookie}; loop_lang=ar` })).html)).toMatch(/lang="ar"/);
  });

  it("concurrent requests in different languages each render their own (client components too)", async () => {
    const langs = ["fr", "de", "es", "ar", "en"] as const;
    const loading = { fr: "Chargement de la conversation…", de: "Das Gespräch wird geladen…", es: "Cargando la conversación…", ar: "جارٍ تحميل المحادثة…", en: "Loading the conversation…" };
    const asks = Array.from({ length: 20 }, (_, i) => langs[i % langs.length]);
    const pages = await Promise.all(asks.map((l) => page("/AAAAAAAAAAAAAAAAAAAAAA", { "Accept-Language": l })));
    pages.forEach((p, i) => {
      expect(htmlTag(p.html)).toContain(`lang="${asks[i]}"`);
      // The guest page is a client component: its server-rendered text follows the same request.
      expect(p.html).toContain(loading[asks[i]]);
      for (const other of langs) if (other !== asks[i]) expect(p.html).not.toContain(loading[other]);
    });
  });

  it("a cross-site post cannot change a signed-in person's language", async () => {
    const user = await signUp(base);
    const r = await choose("de", { Cookie: user.cookie, Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" });
    // Treated as anonymous: the cookie is set for that response only, the account is untouched.
    expect(r.status).toBe(200);
    expect(htmlTag((await page("/sign-in", { Cookie: user.cookie, "Accept-Language": "en" })).html)).toMatch(/lang="en"/);
  });
});
