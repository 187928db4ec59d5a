import { beforeAll, describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { signUp, type WebUser } from "../support/web-user";

const base = inject("apiUrl");
const client = new LoopClient(base);

let alice: WebUser;
let bob: WebUser;
const as = (u: WebUser) => ({ auth: { cookie: u.cookie, origin: base } as const });

beforeAll(async () => {
  [alice, bob] = await Promise.all([signUp(base, { name: "Alice" }), signUp(base, { name: "Bob" })]);
});

describe("contacts API (the owner's address book)", () => {
  it("add → list → edit → delete, with the web session cookie", async () => {
    const created = await client.post("/contacts", { name: "Zed Ray", email: "Zed@Example.com" }, as(alice));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), name: "Zed Ray", email: "zed@example.com", createdAt: expect.any(Number) });

    const list = await client.get("/contacts", as(alice));
    expect(list.status).toBe(200);
    expect(list.body.contacts.map((c: { email: string }) => c.email)).toContain("zed@example.com");

    const edited = await client.patch(`/contacts/${created.body.id}`, { name: "Zed R." }, as(alice));
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: created.body.id, name: "Zed R.", email: "zed@example.com" });

    const gone = await client.del(`/contacts/${created.body.id}`, undefined, as(alice));
    expect(gone.status).toBe(204);
    const again = await client.del(`/contacts/${created.body.id}`, undefined, as(alice));
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ code: 404, errno: 105 });
  });

  it("phone numbers: normalised to E.164; a contact may have an e-mail, numbers or both, never neither", async () => {
    const phoneOnly = await client.post("/contacts", { name: "Nina Tel", phoneNumbers: ["+33 6 12 34 56 78", "0033612345678", "tel:+1-202-555-0143"] }, as(alice));
    expect(phoneOnly.status).toBe(201);
    expect(phoneOnly.body).toMatchObject({ name: "Nina Tel", email: null, phoneNumbers: ["+33612345678", "+12025550143"], source: null });

    // Two phone-only contacts do not collide on the (absent) e-mail address.
    const second = await client.post("/contacts", { name: "Otto Tel", email: null, phoneNumbers: ["+49 30 1234567"] }, as(alice));
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ email: null, phoneNumbers: ["+49301234567"] });

    const both = await client.post("/contacts", { name: "Both", email: "both@example.com", phoneNumbers: ["+44 20 7946 0958"] }, as(alice));
    expect(both.body).toMatchObject({ email: "both@example.com", phoneNumbers: ["+442079460958"] });
    const emailOnly = await client.post("/contacts", { name: "Mail Only", email: "mailonly@example.com" }, as(alice));
    expect(emailOnly.body).toMatchObject({ email: "mailonly@example.com", phoneNumbers: [] });

    const neither = await client.post("/contacts", { name: "Nobody", phoneNumbers: [] }, as(alice));
    expect(neither.status).toBe(400);
    expect(neither.body).toMatchObject({ code: 400, errno: 108, error: "Missing: email or phoneNumbers" });
    const national = await client.post("/contacts", { name: "Local", phoneNumbers: ["06 12 34 56 78"] }, as(alice));
    expect(national.status).toBe(400);
    expect(national.body).toMatchObject({ code: 400, errno: 107 });
    const notAList = await client.post("/contacts", { name: "X", phoneNumbers: "+33612345678" }, as(alice));
    expect(notAList.body).toMatchObject({ code: 400, errno: 107 });
    const tooMany = await client.post("/contacts", { name: "X", phoneNumbers: Array.from({ length: 11 }, (_, i) => `+3361234567${i % 10}`) }, as(alice));
    expect(tooMany.body).toMatchObject({ code: 400, errno: 107 });

    // PATCH: numbers replaced; the e-mail removed while a number remains; removing the last address refused, nothing written.
    const patched = await client.patch(`/contacts/${both.body.id}`, { email: null, phoneNumbers: ["+33 6 98 76 54 32"] }, as(alice));
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ email: null, phoneNumbers: ["+33698765432"] });
    const emptied = await client.patch(`/contacts/${both.body.id}`, { phoneNumbers: [] }, as(alice));
    expect(emptied.status).toBe(400);
    expect(emptied.body).toMatchObject({ errno: 108 });
    const list = await client.get("/contacts", as(alice));
    expect(list.body.contacts.find((c: { id: string }) => c.id === both.body.id)).toMatchObject({ email: null, phoneNumbers: ["+33698765432"] });
  });

  it("also answers under /v1", async () => {
    const r = await client.get("/v1/contacts", as(alice));
    expect(r.status).toBe(200);
    expect(Array.isArray(r.body.contacts)).toBe(true);
  });

  it("bad input: missing fields 108, bad address 107, duplicate 409", async () => {
    const missing = await client.post("/contacts", {}, as(alice));
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ errno: 108, error: "Missing: name" });

    const bad = await client.post("/contacts", { name: "X", email: "not-an-address" }, as(alice));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errno: 107 });

    const malformed = await client.request("POST", "/contacts", { rawBody: "{nope", ...as(alice) });
    expect(malformed.body).toMatchObject({ code: 400, errno: 106 });

    expect((await client.post("/contacts", { name: "D", email: "dup@example.com" }, as(alice))).status).toBe(201);
    const dup = await client.post("/contacts", { name: "D2", email: "DUP@example.com" }, as(alice));
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 409, errno: 107 });
  });

  it("someone else's contact cannot be read, edited or deleted", async () => {
    const mine = await client.post("/contacts", { name: "Private", email: "private@example.com" }, as(alice));
    const list = await client.get("/contacts", as(bob));
    expect(list.body.contacts.map((c: { id: string }) => c.id)).not.toContain(mine.body.id);
    expect((await client.patch(`/contacts/${mine.body.id}`, { name: "hacked" }, as(bob))).status).toBe(404);
    expect((await client.del(`/contacts/${mine.body.id}`, undefined, as(bob))).status).toBe(404);
  });

  it("needs a signed-in user: nobody → 401, an anonymous Hawk session → 403 / 110", async () => {
    const nobody = await client.get("/contacts", { auth: "none" });
    expect(nobody.status).toBe(401);
    expect(nobody.body).toMatchObject({ errno: 110 });
    const hawk = new LoopClient(base);
    await hawk.register();
    const anon = await hawk.get("/contacts");
    expect(anon.status).toBe(403);
    expect(anon.body).toMatchObject({ errno: 110 });
  });

  it("a state change with the cookie from another origin is refused", async () => {
    const r = await client.post("/contacts", { name: "CSRF", email: "csrf@example.com" }, { auth: { cookie: alice.cookie, origin: "https://evil.example" } });
    expect(r.status).toBe(403);
  });

  it("POST /contacts/import: a vCard with three contacts, one malformed, imports two and reports the third", async () => {
    const text = [
      "BEGIN:VCARD", "VERSION:3.0", "FN:Ann Import", "EMAIL:ann@import.example", "END:VCARD",
      "BEGIN:VCARD", "VERSION:3.0", "FN:Broken Card", "EMAIL:broken-at-import", "END:VCARD",
      "BEGIN:VCARD", "VERSION:3.0", "FN:Cid Import", "EMAIL:cid@import.example", "END:VCARD",
    ].join("\r\n");
    const r = await client.post("/contacts/import", { text }, as(bob));
    expect(r.status).toBe(200);
    expect(r.body.format).toBe("vcard");
    expect(r.body.imported.map((c: { name: string }) => c.name)).toEqual(["Ann Import", "Cid Import"]);
    expect(r.body.skipped).toEqual([{ entry: 2, label: "Broken Card", reason: "invalid-email" }]);
    const list = await client.get("/contacts", as(bob));
    expect(list.body.contacts.map((c: { email: string }) => c.email)).toEqual(
      expect.arrayContaining(["ann@import.example", "cid@import.example"]),
    );
  });

  it("POST /contacts/import: CSV text; missing text 108; bad format 107", async () => {
    const r = await client.post("/contacts/import", { text: "Name,Email\nCsv Person,csv@import.example\n", format: "csv" }, as(bob));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ format: "csv", imported: [{ name: "Csv Person", email: "csv@import.example" }], skipped: [] });
    expect((await client.post("/contacts/import", {}, as(bob))).body).toMatchObject({ errno: 108 });
    expect((await client.post("/contacts/import", { text: "x", format: "xls" }, as(bob))).body).toMatchObject({ errno: 107 });
  });
});
