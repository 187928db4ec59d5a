import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BookWriter, card, hasRadicale, startRadicale, type Radicale } from "../support/radicale";

// CardDAV sources against a real Radicale on 127.0.0.1 (allow-listed like a LAN server).
process.env.CARDDAV_ALLOWED_HOSTS = "127.0.0.1";
process.env.CONTACTS_SYNC_INTERVAL_MIN = "60";
const { resetConfigForTests } = await import("@/lib/config");
resetConfigForTests();
const { db } = await import("@/lib/db");
const { userMacFor } = await import("@/lib/crypto");
const { addCarddavSource, syncSource, listSources, removeSource, syncDueSources } = await import("@/lib/contacts/sources");
const { listContacts } = await import("@/lib/contacts/contacts");
const { open } = await import("@/lib/contacts/secret-box");

async function newUser() {
  const email = `u-${randomUUID()}@example.com`;
  return (await db().user.create({ data: { id: randomUUID(), email, userMac: userMacFor(email) } })).id;
}

let dav: Radicale;
beforeAll(async () => {
  if (hasRadicale) dav = await startRadicale();
});
afterAll(async () => {
  await dav?.stop();
});

const names = async (userId: string) => (await listContacts(userId)).map((c) => `${c.name} <${c.email}>`);

describe.skipIf(!hasRadicale)("CardDAV source (Radicale)", () => {
  it("a direct address-book URL: syncs, then applies exactly a change, a delete and an add", async () => {
    const book = await BookWriter.create(dav, `b-${randomUUID()}`, "Friends");
    await book.put("ann", card("ann", "Ann Lee", "ann@example.com"));
    await book.put("bob", card("bob", "Bob Stone", "bob@example.com"));
    await book.put("cat", card("cat", "Cat Noir", "cat@example.com"));
    const userId = await newUser();
    const source = await addCarddavSource(userId, { kind: "carddav", name: "Home", url: book.bookUrl, username: dav.username, password: dav.password });
    expect(source).toMatchObject({ kind: "carddav", name: "Home", lastError: null, contacts: 3 });
    expect(source.lastSyncAt).toEqual(expect.any(Number));
    expect(JSON.stringify(source)).not.toContain(dav.password);
    const row = await db().contactSource.findUniqueOrThrow({ where: { id: source.id } });
    expect(row.secret).not.toContain(dav.password);
    expect(open(row.secret!, row.id)).toBe(dav.password);

    const list = await listContacts(userId);
    expect(list.map((c) => c.name)).toEqual(["Ann Lee", "Bob Stone", "Cat Noir"]);
    expect(list.every((c) => c.source?.id === source.id && c.source.name === "Home" && c.source.kind === "carddav")).toBe(true);

    await book.put("ann", card("ann", "Ann Lee-Smith", "ann@example.com"));
    await book.remove("bob");
    await book.put("dan", card("dan", "Dan Brown", "dan@example.com"));
    const r = await syncSource(userId, source.id);
    expect(r).toMatchObject({ added: 1, updated: 1, removed: 1, lastError: null });
    expect(await names(userId)).toEqual(["Ann Lee-Smith <ann@example.com>", "Cat Noir <cat@example.com>", "Dan Brown <dan@example.com>"]);
    const again = await syncSource(userId, source.id);
    expect(again).toMatchObject({ added: 0, updated: 0, removed: 0 });
  });

  it("a sync-token the server no longer accepts: a full listing by ETags applies the changes just the same", async () => {
    const book = await BookWriter.create(dav, `b-${randomUUID()}`);
    await book.put("h1", card("h1", "Hal One", "hal@example.com"));
    await book.put("h2", card("h2", "Ida Two", "ida@example.com"));
    const userId = await newUser();
    const source = await addCarddavSource(userId, { kind: "carddav", name: "Tok", url: book.bookUrl, username: dav.username, password: dav.password });
    const row = await db().contactSource.findUniqueOrThrow({ where: { id: source.id } });
    const state = JSON.parse(row.syncState!) as Record<string, string>;
    expect(Object.values(state)[0]).toMatch(/^http:\/\/radicale\.org\/ns\/sync\//);
    // The server forgot our token (Radicale answers 403 valid-sync-token).
    await db().contactSource.update({ where: { id: source.id }, data: { syncState: JSON.stringify({ [Object.keys(state)[0]]: "http://radicale.org/ns/sync/forgotten" }) } });
    await book.remove("h2");
    await book.put("h1", card("h1", "Hal Renamed", "hal@example.com"));
    expect(await syncSource(userId, source.id)).toMatchObject({ added: 0, updated: 1, removed: 1, lastError: null });
    expect(await names(userId)).toEqual(["Hal Renamed <hal@example.com>"]);
  });

  it("discovery from the server URL finds the user's books (well-known, principal, home set)", async () => {
    const own = await startRadicale({ username: "zoe", password: "zoe-pw" });
    try {
      const a = await BookWriter.create(own, "family", "Family");
      const b = await BookWriter.create(own, "work", "Work");
      await a.put("m1", card("m1", "Mum", "mum@example.com"));
      await b.put("w1", card("w1", "Boss", "boss@example.com"));
      const userId = await newUser();
      const source = await addCarddavSource(userId, { kind: "carddav", name: "Zoe", url: `${own.url}/`, username: "zoe", password: "zoe-pw" });
      expect(source).toMatchObject({ lastError: null, contacts: 2 });
      expect(await names(userId)).toEqual(["Boss <boss@example.com>", "Mum <mum@example.com>"]);
      await b.remove("w1");
      expect(await syncSource(userId, source.id)).toMatchObject({ added: 0, updated: 0, removed: 1 });
    } finally {
      await own.stop();
    }
  });

  it("not a CardDAV server: lastError says so", async () => {
    const userId = await newUser();
    const http = await import("node:http");
    const plain = http.createServer((_req, res) => res.end("<html>hello</html>"));
    await new Promise<void>((r) => plain.listen(0, "127.0.0.1", () => r()));
    try {
      const port = (plain.address() as { port: number }).port;
      const s = await addCarddavSource(userId, { kind: "carddav", name: "Web", url: `http://127.0.0.1:${port}/`, username: "x", password: "y" });
      expect(s.lastError).toMatch(/CardDAV/);
      expect(s.contacts).toBe(0);
    } finally {
      plain.close();
    }
  });

  it("the URL guard holds on every request: a redirect to an internal address is not followed", async () => {
    const userId = await newUser();
    const http = await import("node:http");
    let reachedInside = false;
    const inside = http.createServer((_req, res) => {
      reachedInside = true;
      res.end();
    });
    await new Promise<void>((r) => inside.listen(0, "127.0.0.2", () => r()));
    const insidePort = (inside.address() as { port: number }).port;
    const redirector = http.createServer((_req, res) => {
      res.writeHead(307, { Location: `http://127.0.0.2:${insidePort}/dav/` });
      res.end();
    });
    await new Promise<void>((r) => redirector.listen(0, "127.0.0.1", () => r()));
    try {
      const port = (redirector.address() as { port: number }).port;
      const s = await addCarddavSource(userId, { kind: "carddav", name: "Sneaky", url: `http://127.0.0.1:${port}/`, username: "x", password: "y" });
      expect(s.lastError).toMatch(/https|private/);
      expect(reachedInside).toBe(false);
    } finally {
      redirector.close();
      inside.close();
    }
  });

  it("wrong password / server down: lastError in words, contacts kept; a later good sync clears it", async () => {
    const book = await BookWriter.create(dav, `b-${randomUUID()}`);
    await book.put("eve", card("eve", "Eve Adams", "eve@example.com"));
    const userId = await newUser();
    const source = await addCarddavSource(userId, { kind: "carddav", name: "Work", url: book.bookUrl, username: dav.username, password: dav.password });
    expect(source.contacts).toBe(1);

    await db().contactSource.update({ where: { id: source.id }, data: { secret: (await import("@/lib/contacts/secret-box")).seal("wrong", source.id) } });
    const bad = await syncSource(userId, source.id);
    expect(bad).toMatchObject({ added: 0, updated: 0, removed: 0 });
    expect(bad.lastError).toMatch(/user name or password/);
    expect(await names(userId)).toEqual(["Eve Adams <eve@example.com>"]);

    await db().contactSource.update({ where: { id: source.id }, data: { secret: (await import("@/lib/contacts/secret-box")).seal(dav.password, source.id), url: "http://127.0.0.1:1/nothing/" } });
    const down = await syncSource(userId, source.id);
    expect(down.lastError).toMatch(/Could not reach the server/);
    expect((await listSources(userId))[0].lastError).toMatch(/Could not reach/);
    expect(await names(userId)).toEqual(["Eve Adams <eve@example.com>"]);

    await db().contactSource.update({ where: { id: source.id }, data: { url: book.bookUrl } });
    expect((await syncSource(userId, source.id)).lastError).toBeNull();
    expect((await listSources(userId))[0].lastError).toBeNull();
  });

  it("bad cards are reported by name, the good ones kept; removing the source removes its contacts", async () => {
    const book = await BookWriter.create(dav, `b-${randomUUID()}`);
    await book.put("good", card("good", "Good Card", "good@example.com"));
    await book.put("nomail", card("nomail", "No Mail", undefined, ["TEL:01 23 45 67 89"]));
    await book.put("badmail", card("badmail", "Bad Mail", "not-an-address"));
    const userId = await newUser();
    const hand = await (await import("@/lib/contacts/contacts")).addContact(userId, { name: "Good by hand", email: "good@example.com" });
    const source = await addCarddavSource(userId, { kind: "carddav", name: "Mixed", url: book.bookUrl, username: dav.username, password: dav.password });
    expect(source.lastResult).toMatchObject({ added: 1 });
    expect(source.lastResult!.skipped.map((s) => [s.label, s.reason]).sort()).toEqual([
      ["Bad Mail", "invalid-email"],
      ["No Mail", "missing-email"],
    ]);
    // A card may share an address with a hand-made contact: both kept, each with its source.
    const list = await listContacts(userId);
    expect(list.filter((c) => c.email === "good@example.com").map((c) => c.source?.name ?? null).sort()).toEqual(["Mixed", null]);
    await removeSource(userId, source.id);
    expect((await listContacts(userId)).map((c) => c.id)).toEqual([hand.id]);
  });

  it("scheduled sync: only due sources, and two instances running at once sync a source once", async () => {
    const book = await BookWriter.create(dav, `b-${randomUUID()}`);
    await book.put("fay", card("fay", "Fay Wray", "fay@example.com"));
    const userId = await newUser();
    const source = await addCarddavSource(userId, { kind: "carddav", name: "Sched", url: book.bookUrl, username: dav.username, password: dav.password });
    const row = await db().contactSource.findUniqueOrThrow({ where: { id: source.id } });
    // Hourly, jittered ±10 %.
    expect(row.nextSyncAt - row.lastSyncAt!).toBeGreaterThanOrEqual(54 * 60);
    expect(row.nextSyncAt - row.lastSyncAt!).toBeLessThanOrEqual(66 * 60);
    await book.put("gus", card("gus", "Gus Grand", "gus@example.com"));
    await db().contactSource.updateMany({ where: { id: { not: source.id } }, data: { nextSyncAt: 2 ** 31 - 1 } });
    expect(await syncDueSources()).toBe(0); // not due yet
    await db().contactSource.update({ where: { id: source.id }, data: { nextSyncAt: 0 } });
    const [a, b] = await Promise.all([syncDueSources(), syncDueSources()]);
    expect(a + b).toBe(1);
    expect(await names(userId)).toEqual(["Fay Wray <fay@example.com>", "Gus Grand <gus@example.com>"]);
  });
});
