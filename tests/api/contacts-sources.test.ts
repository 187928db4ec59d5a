import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { BookWriter, card, hasRadicale, startRadicale, type Radicale } from "../support/radicale";
import { signUp, type WebUser } from "../support/web-user";

// Contract §10 against a real CardDAV server: Radicale on a free port, the book written over
// CardDAV by the test. The API server allows 127.0.0.1 in CARDDAV_ALLOWED_HOSTS (tests/support/server.ts).
const base = inject("apiUrl");
const client = new LoopClient(base);
const as = (u: WebUser) => ({ auth: { cookie: u.cookie, origin: base } as const });

let dav: Radicale;
let alice: WebUser;
let bob: WebUser;

beforeAll(async () => {
  [alice, bob] = await Promise.all([signUp(base, { name: "Alice" }), signUp(base, { name: "Bob" })]);
  if (hasRadicale) dav = await startRadicale();
});
afterAll(async () => {
  await dav?.stop();
});

type C = { id: string; name: string; email: string | null; phoneNumbers: string[]; source: { id: string; kind: string; name: string } | null };
const contactsOf = async (u: WebUser): Promise<C[]> => (await client.get("/contacts", as(u))).body.contacts;
const fromSource = async (u: WebUser, id: string) => (await contactsOf(u)).filter((c) => c.source?.id === id).map((c) => `${c.name} <${c.email}>`);

async function newBook(label = "Friends") {
  return BookWriter.create(dav, `book-${randomUUID()}`, label);
}

describe.skipIf(!hasRadicale)("contact sources: CardDAV (Radicale)", () => {
  it("add → contacts appear with their source; change, delete, add on the server → a sync applies exactly those", async () => {
    const book = await newBook();
    await book.put("ann", card("ann", "Ann Lee", "ann@example.com"));
    await book.put("bob", card("bob", "Bob Stone", "bob@example.com"));
    await book.put("cat", card("cat", "Cat Noir", "cat@example.com"));

    const added = await client.post("/contacts/sources", { kind: "carddav", name: "Radicale", url: book.bookUrl, username: dav.username, password: dav.password }, as(alice));
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ id: expect.any(String), kind: "carddav", name: "Radicale", url: book.bookUrl, lastSyncAt: expect.any(Number), lastError: null });
    expect(JSON.stringify(added.body)).not.toContain(dav.password);
    expect(added.body).not.toHaveProperty("password");
    const id = added.body.id;

    const contacts = await contactsOf(alice);
    expect(contacts.map((c) => c.name)).toEqual(["Ann Lee", "Bob Stone", "Cat Noir"]);
    expect(contacts.every((c) => c.source && c.source.id === id && c.source.kind === "carddav" && c.source.name === "Radicale")).toBe(true);

    const listed = await client.get("/contacts/sources", as(alice));
    expect(listed.body.sources).toEqual([expect.objectContaining({ id, kind: "carddav", name: "Radicale", lastError: null })]);
    expect(JSON.stringify(listed.body)).not.toContain(dav.password);

    await book.put("ann", card("ann", "Ann Lee-Smith", "ann@example.com"));
    await book.remove("bob");
    await book.put("dan", card("dan", "Dan Brown", "dan@example.com"));
    const sync = await client.post(`/contacts/sources/${id}/sync`, {}, as(alice));
    expect(sync.status).toBe(200);
    expect(sync.body).toMatchObject({ added: 1, updated: 1, removed: 1 });
    expect(await fromSource(alice, id)).toEqual(["Ann Lee-Smith <ann@example.com>", "Cat Noir <cat@example.com>", "Dan Brown <dan@example.com>"]);
    // Same ids: updated in place.
    expect((await contactsOf(alice)).find((c) => c.email === "ann@example.com")?.id).toBe(contacts.find((c) => c.email === "ann@example.com")?.id);

    const again = await client.post(`/v1/contacts/sources/${id}/sync`, {}, as(alice));
    expect(again.body).toMatchObject({ added: 0, updated: 0, removed: 0 });
  });

  it("a synced contact is read-only (403 / 999 naming the source); hand-made ones stay editable; deleting the source removes its contacts", async () => {
    const book = await newBook();
    await book.put("eve", card("eve", "Eve Adams", "eve@example.com"));
    const src = await client.post("/contacts/sources", { kind: "carddav", name: "Work book", url: book.bookUrl, username: dav.username, password: dav.password }, as(bob));
    expect(src.status).toBe(201);
    // A card may share an address with a hand-made contact: both kept, each with its source.
    const hand = await client.post("/contacts", { name: "Eve (mine)", email: "eve@example.com" }, as(bob));
    expect(hand.status).toBe(201);
    expect(hand.body.source).toBeNull();
    const synced = (await contactsOf(bob)).find((c) => c.source?.id === src.body.id)!;

    const patch = await client.patch(`/contacts/${synced.id}`, { name: "Changed" }, as(bob));
    expect(patch.status).toBe(403);
    expect(patch.body).toMatchObject({ code: 403, errno: 999 });
    expect(patch.body.error).toContain("Work book");
    const del = await client.del(`/contacts/${synced.id}`, undefined, as(bob));
    expect(del.status).toBe(403);
    expect(del.body).toMatchObject({ errno: 999 });
    expect((await client.patch(`/contacts/${hand.body.id}`, { name: "Eve M." }, as(bob))).status).toBe(200);

    // Someone else's source: 404 / 999 everywhere.
    expect((await client.post(`/contacts/sources/${src.body.id}/sync`, {}, as(alice))).body).toMatchObject({ code: 404, errno: 999 });
    expect((await client.del(`/contacts/sources/${src.body.id}`, undefined, as(alice))).body).toMatchObject({ code: 404, errno: 999 });

    const gone = await client.del(`/contacts/sources/${src.body.id}`, undefined, as(bob));
    expect(gone.status).toBe(204);
    const left = await contactsOf(bob);
    expect(left.filter((c) => c.email === "eve@example.com").map((c) => c.name)).toEqual(["Eve M."]);
    expect((await client.get("/contacts/sources", as(bob))).body.sources.map((s: { id: string }) => s.id)).not.toContain(src.body.id);
  });

  it("wrong password and server down: 200 {0,0,0} with lastError in words, contacts kept; a good sync clears it", async () => {
    const user = await signUp(base);
    const book = await newBook();
    await book.put("fay", card("fay", "Fay Wray", "fay@example.com"));
    // Wrong password at add time: the source is kept with the reason, nothing imported.
    const wrong = await client.post("/contacts/sources", { kind: "carddav", name: "Typo", url: book.bookUrl, username: dav.username, password: "nope" }, as(user));
    expect(wrong.status).toBe(201);
    expect(wrong.body.lastError).toMatch(/user name or password/);
    expect(wrong.body.lastSyncAt).toBeNull();

    // A second Radicale we can stop: server down after a good sync.
    const other = await startRadicale({ username: "carl", password: "carl-pw" });
    let stopped = false;
    try {
      const b2 = await BookWriter.create(other, "main", "Main");
      await b2.put("gus", card("gus", "Gus Grand", "gus@example.com"));
      const src = await client.post("/contacts/sources", { kind: "carddav", name: "Soon down", url: b2.bookUrl, username: "carl", password: "carl-pw" }, as(user));
      expect(src.body).toMatchObject({ lastError: null });
      await other.stop();
      stopped = true;
      const down = await client.post(`/contacts/sources/${src.body.id}/sync`, {}, as(user));
      expect(down.status).toBe(200);
      expect(down.body).toMatchObject({ added: 0, updated: 0, removed: 0 });
      const s = (await client.get("/contacts/sources", as(user))).body.sources.find((x: { id: string }) => x.id === src.body.id);
      expect(s.lastError).toMatch(/Could not reach the server/);
      expect(await fromSource(user, src.body.id)).toEqual(["Gus Grand <gus@example.com>"]);
    } finally {
      if (!stopped) await other.stop();
    }
  });

  it("PATCH a source: a wrong password fixed without removing the source recovers; the password is never returned", async () => {
    const user = await signUp(base);
    const book = await newBook();
    await book.put("hal", card("hal", "Hal Berg", "hal@example.com", ["TEL;TYPE=CELL:+46 70 123 45 67"]));
    const wrong = await client.post("/contacts/sources", { kind: "carddav", name: "Typo", url: book.bookUrl, username: dav.username, password: "nope" }, as(user));
    expect(wrong.body.lastError).toMatch(/user name or password/);
    const id = wrong.body.id;

    // Bad input answers as POST does, and changes nothing.
    const empty = await client.patch(`/contacts/sources/${id}`, {}, as(user));
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ code: 400, errno: 108 });
    const badUrl = await client.patch(`/contacts/sources/${id}`, { url: "ftp://example.com/book" }, as(user));
    expect(badUrl.status).toBe(400);
    expect(badUrl.body).toMatchObject({ code: 400, errno: 107 });
    const internal = await client.patch(`/contacts/sources/${id}`, { url: "http://10.1.2.3/dav/" }, as(user));
    expect(internal.body).toMatchObject({ code: 400, errno: 107 });
    const badType = await client.patch(`/contacts/sources/${id}`, { password: 42 }, as(user));
    expect(badType.body).toMatchObject({ code: 400, errno: 107 });
    // Someone else's source: 404, untouched.
    const foreign = await client.patch(`/contacts/sources/${id}`, { password: dav.password }, as(alice));
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ code: 404, errno: 999 });
    expect((await client.get(`/contacts/sources/${id}`, as(user))).body).toMatchObject({ url: book.bookUrl, lastError: expect.stringMatching(/password/) });

    const fixed = await client.patch(`/contacts/sources/${id}`, { password: dav.password, name: "Fixed" }, as(user));
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ id, name: "Fixed", url: book.bookUrl, lastError: null, contacts: 1, lastResult: { added: 1 } });
    expect(JSON.stringify(fixed.body)).not.toContain(dav.password);
    expect(fixed.body).not.toHaveProperty("password");
    expect(fixed.body).not.toHaveProperty("secret");
    const [hal] = await contactsOf(user);
    expect(hal).toMatchObject({ name: "Hal Berg", email: "hal@example.com", phoneNumbers: ["+46701234567"], source: { id, name: "Fixed" } });

    // Back to a wrong password: the sync fails in words, the contacts stay; renaming alone does not sync.
    const broken = await client.patch(`/contacts/sources/${id}`, { password: "again-wrong" }, as(user));
    expect(broken.body).toMatchObject({ lastError: expect.stringMatching(/user name or password/), contacts: 1 });
    const renamed = await client.patch(`/contacts/sources/${id}`, { name: "Renamed" }, as(user));
    expect(renamed.body).toMatchObject({ name: "Renamed", lastError: expect.stringMatching(/password/) });
    const sync = await client.post(`/contacts/sources/${id}/sync`, {}, as(user));
    expect(sync.body).toMatchObject({ added: 0, updated: 0, removed: 0 });
    expect((await contactsOf(user)).map((c) => c.name)).toEqual(["Hal Berg"]);
  });

  it("phone numbers come from the cards' TEL (3.0 and 4.0 tel: URIs); a phone-only card is a contact; a changed number syncs", async () => {
    const user = await signUp(base);
    const book = await newBook();
    await book.put("ida", card("ida", "Ida Tel", undefined, ["TEL;TYPE=CELL:+33 6 12 34 56 78", "TEL;TYPE=HOME:01 23 45 67 89"]));
    await book.put(
      "jon",
      ["BEGIN:VCARD", "VERSION:4.0", "UID:jon", "FN:Jon Four", "EMAIL:jon@example.com", "TEL;VALUE=uri;PREF=1;TYPE=cell:tel:+1-202-555-0143", "END:VCARD"].join("\r\n"),
    );
    const src = await client.post("/contacts/sources", { kind: "carddav", name: "Phones", url: book.bookUrl, username: dav.username, password: dav.password }, as(user));
    expect(src.body).toMatchObject({ lastError: null, contacts: 2 });
    const byName = async () => Object.fromEntries((await contactsOf(user)).map((c) => [c.name, { email: c.email, phoneNumbers: c.phoneNumbers }]));
    expect(await byName()).toEqual({
      "Ida Tel": { email: null, phoneNumbers: ["+33612345678"] },
      "Jon Four": { email: "jon@example.com", phoneNumbers: ["+12025550143"] },
    });
    await book.put("ida", card("ida", "Ida Tel", undefined, ["TEL;TYPE=CELL:+33 6 98 76 54 32"]));
    const sync = await client.post(`/contacts/sources/${src.body.id}/sync`, {}, as(user));
    expect(sync.body).toMatchObject({ added: 0, updated: 1, removed: 0 });
    expect((await byName())["Ida Tel"]).toEqual({ email: null, phoneNumbers: ["+33698765432"] });
  });

  it("bad input: missing fields 108, unknown kind / bad URL 107; private or plain-http hosts are refused unless allow-listed", async () => {
    const missing = await client.post("/contacts/sources", { kind: "carddav" }, as(alice));
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ errno: 108 });
    expect(missing.body.error).toMatch(/name.*url.*username.*password/);
    const kind = await client.post("/contacts/sources", { kind: "ldap", name: "x", url: "https://dav.example.com/", username: "u", password: "p" }, as(alice));
    expect(kind.body).toMatchObject({ code: 400, errno: 107 });
    for (const url of ["not a url", "ftp://dav.example.com/", "http://dav.example.com/", "https://10.1.2.3/dav/", "https://[::1]/dav/", "https://127.1.2.3/dav/", "https://169.254.169.254/", "https://[fd00::1]/"]) {
      const r = await client.post("/contacts/sources", { kind: "carddav", name: "x", url, username: "u", password: "p" }, as(alice));
      expect([url, r.status, r.body.errno]).toEqual([url, 400, 107]);
    }
    const before = (await client.get("/contacts/sources", as(alice))).body.sources.length;
    expect(before).toBe(1); // only the good one of the first test
    expect((await client.get("/contacts/sources", { auth: "none" })).status).toBe(401);
    expect((await client.post(`/contacts/sources/${randomUUID()}/sync`, {}, as(alice))).body).toMatchObject({ code: 404, errno: 999 });
  });

  it("a 2,000-card book: first sync brings them all, a second sync with nothing changed transfers little", async () => {
    const user = await signUp(base);
    const book = await newBook("Big");
    const cards = Array.from({ length: 2000 }, (_, i) => card(`big-${i}`, `Person ${String(i).padStart(4, "0")}`, `p${i}@big.example`));
    await book.putAll(cards);
    // Radicale (Python) builds its item cache on the first listing; a loaded machine needs it warm.
    await fetch(book.bookUrl, { method: "PROPFIND", headers: { Authorization: dav.auth, Depth: "1" } }).then((r) => r.arrayBuffer());
    const src = await client.post("/contacts/sources", { kind: "carddav", name: "Big", url: book.bookUrl, username: dav.username, password: dav.password }, as(user));
    expect(src.status).toBe(201);
    expect(src.body).toMatchObject({ lastError: null, contacts: 2000, lastResult: { added: 2000, updated: 0, removed: 0 } });
    // Changed on the server after the first sync: exactly that one comes back.
    await book.put("big-7", card("big-7", "Person Seven", "p7@big.example"));
    expect((await contactsOf(user)).length).toBe(2000);
    const second = await client.post(`/contacts/sources/${src.body.id}/sync`, {}, as(user));
    expect(second.body).toMatchObject({ added: 0, updated: 1, removed: 0 });
    const third = await client.post(`/contacts/sources/${src.body.id}/sync`, {}, as(user));
    expect(third.body).toMatchObject({ added: 0, updated: 0, removed: 0 });
    expect((await contactsOf(user)).length).toBe(2000);
  }, 600_000); // Radicale (Python) takes most of this: ~1 min to store 2,000 cards on a loaded machine
});

describe("file sources (POST /contacts/import)", () => {
  const vcf = (extra = "") =>
    ["BEGIN:VCARD", "VERSION:3.0", "UID:f-1", "FN:Flo File", "EMAIL:flo@file.example", "END:VCARD", "BEGIN:VCARD", "VERSION:3.0", "UID:f-2", "FN:Gil File", "EMAIL:gil@file.example", "END:VCARD", extra].join("\r\n");

  it("importing the same file again under its name updates in place; the file is a source of kind file", async () => {
    const user = await signUp(base);
    const first = await client.post("/contacts/import", { text: vcf(), name: "export.vcf" }, as(user));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ added: 2, updated: 0, removed: 0, source: { kind: "file", name: "export.vcf" } });
    const again = await client.post("/contacts/import", { text: vcf().replace("FN:Gil File", "FN:Gil Renamed"), name: "export.vcf" }, as(user));
    expect(again.body).toMatchObject({ added: 0, updated: 1, removed: 0, source: { id: first.body.source.id } });
    const list = await contactsOf(user);
    expect(list.map((c) => `${c.name}|${c.source?.kind}|${c.source?.name}`)).toEqual(["Flo File|file|export.vcf", "Gil Renamed|file|export.vcf"]);
    const sources = (await client.get("/contacts/sources", as(user))).body.sources;
    expect(sources).toEqual([expect.objectContaining({ id: first.body.source.id, kind: "file", name: "export.vcf", url: null, lastError: null })]);
    // File sources are read-only too, and go with their contacts.
    expect((await client.patch(`/contacts/${list[0].id}`, { name: "x" }, as(user))).body).toMatchObject({ code: 403, errno: 999 });
    expect((await client.del(`/contacts/sources/${first.body.source.id}`, undefined, as(user))).status).toBe(204);
    expect(await contactsOf(user)).toEqual([]);
  });
});
