import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { userMacFor } from "@/lib/crypto";
import { LoopError } from "@/lib/http/errors";
import { addContact, contactInput, contactOwnerId, contactPatch, listContacts, removeContact, updateContact } from "@/lib/contacts/contacts";
import { importContacts } from "@/lib/contacts/import";

async function newUser() {
  const email = `u-${randomUUID()}@example.com`;
  const user = await db().user.create({ data: { id: randomUUID(), email, userMac: userMacFor(email) } });
  return user.id;
}

async function loopError(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof LoopError) return e;
    throw e;
  }
  throw new Error("expected a LoopError");
}

let userId: string;
beforeEach(async () => {
  userId = await newUser();
});

describe("address book rules", () => {
  it("adds, lists by name, edits and removes; emails are stored lowercased", async () => {
    const zoe = await addContact(userId, contactInput.parse({ name: "  Zoé  Martin ", email: " Zoe@Example.com " }));
    await addContact(userId, contactInput.parse({ name: "adam", email: "adam@example.com" }));
    expect(zoe).toMatchObject({ name: "Zoé Martin", email: "zoe@example.com", createdAt: expect.any(Number) });
    expect((await listContacts(userId)).map((c) => c.name)).toEqual(["adam", "Zoé Martin"]);

    const edited = await updateContact(userId, zoe.id, contactPatch.parse({ name: "Zoé M." }));
    expect(edited).toMatchObject({ id: zoe.id, name: "Zoé M.", email: "zoe@example.com" });
    await removeContact(userId, zoe.id);
    expect((await listContacts(userId)).map((c) => c.email)).toEqual(["adam@example.com"]);
  });

  it("the same address twice (any case) is 409, and nothing is written", async () => {
    await addContact(userId, contactInput.parse({ name: "A", email: "a@example.com" }));
    const e = await loopError(addContact(userId, contactInput.parse({ name: "A again", email: "A@EXAMPLE.COM" })));
    expect([e.code, e.errno]).toEqual([409, 107]);
    expect(await db().contact.count({ where: { userId } })).toBe(1);
  });

  it("editing an address onto another contact's address is 409 and leaves both unchanged", async () => {
    const a = await addContact(userId, contactInput.parse({ name: "A", email: "a@example.com" }));
    await addContact(userId, contactInput.parse({ name: "B", email: "b@example.com" }));
    const e = await loopError(updateContact(userId, a.id, contactPatch.parse({ name: "renamed", email: "b@example.com" })));
    expect(e.code).toBe(409);
    expect((await listContacts(userId)).map((c) => `${c.name}:${c.email}`)).toEqual(["A:a@example.com", "B:b@example.com"]);
  });

  it("another user's contact is not found (404 / 105), for edit and delete alike", async () => {
    const mine = await addContact(userId, contactInput.parse({ name: "Mine", email: "mine@example.com" }));
    const other = await newUser();
    expect((await loopError(updateContact(other, mine.id, { name: "x" }))).errno).toBe(105);
    expect((await loopError(removeContact(other, mine.id))).code).toBe(404);
    expect(await listContacts(userId)).toHaveLength(1);
  });

  it("the same address may be in two people's address books", async () => {
    const other = await newUser();
    await addContact(userId, contactInput.parse({ name: "Shared", email: "s@example.com" }));
    await addContact(other, contactInput.parse({ name: "Shared", email: "s@example.com" }));
    expect(await listContacts(other)).toHaveLength(1);
  });

  it("input rules: empty name, long name, bad address, empty patch", () => {
    expect(contactInput.safeParse({ name: "  ", email: "a@b.co" }).success).toBe(false);
    expect(contactInput.safeParse({ name: "x".repeat(101), email: "a@b.co" }).success).toBe(false);
    expect(contactInput.safeParse({ name: "x", email: "nope" }).success).toBe(false);
    expect(contactPatch.safeParse({}).success).toBe(false);
  });

  it("only signed-in callers own an address book", () => {
    expect(contactOwnerId({ kind: "web", userId: "u1", userMac: "m", email: "e" })).toBe("u1");
    expect(contactOwnerId({ kind: "hawk", sessionHmac: "s", userMac: "m", userId: "u2" })).toBe("u2");
    expect(() => contactOwnerId({ kind: "hawk", sessionHmac: "s", userMac: "m", userId: null })).toThrow(LoopError);
  });

  it("deleting the account deletes its contacts", async () => {
    await addContact(userId, contactInput.parse({ name: "A", email: "a@example.com" }));
    await db().user.delete({ where: { id: userId } });
    expect(await db().contact.count({ where: { userId } })).toBe(0);
  });
});

describe("import", () => {
  const threeCards = `BEGIN:VCARD
VERSION:3.0
FN:Alice Martin
EMAIL:alice@example.com
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Broken Bob
EMAIL:bob-at-example
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Carol Durand
EMAIL:carol@example.org
END:VCARD
`;

  it("a vCard with three contacts, one malformed, imports two and reports the third", async () => {
    const r = await importContacts(userId, { text: threeCards });
    expect(r.format).toBe("vcard");
    expect(r.imported.map((c) => c.email)).toEqual(["alice@example.com", "carol@example.org"]);
    expect(r.skipped).toEqual([{ entry: 2, label: "Broken Bob", reason: "invalid-email" }]);
    expect((await listContacts(userId)).map((c) => c.name)).toEqual(["Alice Martin", "Carol Durand"]);
  });

  it("re-importing the same file (same name) updates in place: nothing duplicated, hand-made contacts untouched", async () => {
    await addContact(userId, contactInput.parse({ name: "Alice (my name for her)", email: "alice@example.com" }));
    const first = await importContacts(userId, { text: threeCards, name: "phone.vcf" });
    expect(first).toMatchObject({ added: 2, updated: 0, removed: 0, source: { kind: "file", name: "phone.vcf" } });
    const again = await importContacts(userId, { text: threeCards, name: "phone.vcf" });
    expect(again).toMatchObject({ added: 0, updated: 0, removed: 0, imported: [] });
    expect(again.source.id).toBe(first.source.id);
    expect(again.skipped.map((s) => [s.entry, s.reason])).toEqual([[2, "invalid-email"]]);
    // A card may share an address with a hand-made contact: both are kept, each with its source.
    const list = await listContacts(userId);
    expect(list.map((c) => `${c.name}|${c.source?.name ?? "-"}`)).toEqual([
      "Alice (my name for her)|-",
      "Alice Martin|phone.vcf",
      "Carol Durand|phone.vcf",
    ]);

    // The file changes: Carol renamed (matched by address, no UID), Alice gone, Dan new.
    const changed = threeCards.replace("FN:Carol Durand", "FN:Carol D.").replace("EMAIL:alice@example.com", "EMAIL:dan@example.com").replace("FN:Alice Martin", "FN:Dan");
    const third = await importContacts(userId, { text: changed, name: "phone.vcf" });
    expect(third).toMatchObject({ added: 1, updated: 1, removed: 1 });
    expect((await listContacts(userId)).map((c) => `${c.name}|${c.source?.name ?? "-"}`)).toEqual([
      "Alice (my name for her)|-",
      "Carol D.|phone.vcf",
      "Dan|phone.vcf",
    ]);
  });

  it("cards with a UID are matched by it: a changed address updates the same contact", async () => {
    const v = (email: string) => `BEGIN:VCARD\nVERSION:4.0\nUID:urn:uuid:1234\nFN:Uma\nEMAIL:${email}\nEND:VCARD\n`;
    const a = await importContacts(userId, { text: v("uma@old.example") });
    const b = await importContacts(userId, { text: v("uma@new.example") });
    expect(b).toMatchObject({ added: 0, updated: 1, removed: 0 });
    expect(b.imported[0].id).toBe(a.imported[0].id);
    expect(a.source.name).toBe("Imported file");
  });

  it("a synced or imported contact is read-only: edit and delete are 403 / 999 naming the source", async () => {
    const r = await importContacts(userId, { text: threeCards, name: "Old phone" });
    const id = r.imported[0].id;
    const edit = await loopError(updateContact(userId, id, contactPatch.parse({ name: "x" })));
    expect([edit.code, edit.errno]).toEqual([403, 999]);
    expect(edit.message).toContain("Old phone");
    const del = await loopError(removeContact(userId, id));
    expect([del.code, del.errno]).toEqual([403, 999]);
    expect((await listContacts(userId)).find((c) => c.id === id)?.name).toBe("Alice Martin");
  });

  it("an address repeated inside one CSV file is imported once", async () => {
    const r = await importContacts(userId, { text: "name,email\nA,a@example.com\nA bis,A@example.com\n" });
    expect(r.format).toBe("csv");
    expect(r.imported).toHaveLength(1);
    expect(r.skipped).toEqual([{ entry: 2, label: "A bis", reason: "duplicate" }]);
  });

  it("a file with nothing usable imports nothing and writes nothing", async () => {
    const r = await importContacts(userId, { text: "just some words\nand more" });
    expect(r.imported).toEqual([]);
    expect(r.skipped.map((s) => s.reason)).toEqual(["missing-email", "missing-email"]);
    expect(await db().contact.count({ where: { userId } })).toBe(0);
  });
});

describe("reading a source's contacts for a sync", () => {
  it("reads every contact of the source exactly once across pages, whatever its key, and none of another source", async () => {
    const { contactsOfSource } = await import("@/lib/contacts/apply");
    const { fileSource } = await import("@/lib/contacts/sources");
    const [a, b] = [await fileSource(userId, "a.vcf"), await fileSource(userId, "b.vcf")];
    // More than two pages (250 a page), keys that sort differently by byte and by language.
    const keys = Array.from({ length: 560 }, (_, i) => [`k${i}`, `K${i}`, `é${i}`, `~${i}`, `${i}`][i % 5]);
    await db().contact.createMany({ data: keys.map((k, i) => ({ id: randomUUID(), userId, sourceId: a.id, sourceKey: k, name: `N${i}`, email: `n${i}@a.example` })) });
    await db().contact.create({ data: { id: randomUUID(), userId, sourceId: a.id, sourceKey: null, name: "No key", email: "nokey@a.example" } });
    await db().contact.create({ data: { id: randomUUID(), userId, sourceId: b.id, sourceKey: "k1", name: "Other", email: "other@b.example" } });
    let turns = 0;
    const rows = await contactsOfSource(a.id, async () => void turns++);
    expect(rows).toHaveLength(561);
    expect(new Set(rows.map((r) => r.id)).size).toBe(561);
    expect(new Set(rows.map((r) => r.sourceKey))).toEqual(new Set([...keys, null]));
    expect(rows.find((r) => r.name === "No key")).toMatchObject({ email: "nokey@a.example", phoneNumbers: "[]", href: null, etag: null });
    expect(turns).toBeGreaterThanOrEqual(3); // the loop was offered a turn between pages
  });
});
