import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/contacts/csv";
import { detectFormat } from "@/lib/contacts/import";
import { parseVcard } from "@/lib/contacts/vcard";

const crlf = (s: string) => s.replace(/\n/g, "\r\n");

describe("vCard reader", () => {
  it("three cards, one malformed: two candidates and the third reported with its reason", () => {
    const text = crlf(`BEGIN:VCARD
VERSION:3.0
FN:Alice Martin
EMAIL;TYPE=INTERNET:Alice@Example.com
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Broken Bob
EMAIL:bob-at-example
END:VCARD
BEGIN:VCARD
VERSION:4.0
N:Durand;Carol;;Dr.;
item1.EMAIL;TYPE=work:carol@example.org
END:VCARD
`);
    const r = parseVcard(text);
    expect(r.candidates).toEqual([
      { entry: 1, name: "Alice Martin", email: "alice@example.com" },
      { entry: 3, name: "Dr. Carol Durand", email: "carol@example.org" },
    ]);
    expect(r.skipped).toEqual([{ entry: 2, label: "Broken Bob", reason: "invalid-email" }]);
  });

  it("a card cut short by the next BEGIN is malformed; the next card still reads", () => {
    const r = parseVcard(`BEGIN:VCARD
FN:Half Card
EMAIL:half@example.com
BEGIN:VCARD
FN:Whole Card
EMAIL:whole@example.com
END:VCARD`);
    expect(r.skipped).toEqual([{ entry: 1, label: "Half Card", reason: "malformed" }]);
    expect(r.candidates).toEqual([{ entry: 2, name: "Whole Card", email: "whole@example.com" }]);
  });

  it("a file that ends inside a card reports that card", () => {
    const r = parseVcard("BEGIN:VCARD\nFN:Tail\nEMAIL:tail@example.com\n");
    expect(r.skipped).toEqual([{ entry: 1, label: "Tail", reason: "malformed" }]);
  });

  it("unfolds folded lines, unescapes text, prefers the PREF address, ignores a photo", () => {
    const r = parseVcard(
      crlf(`BEGIN:VCARD
VERSION:3.0
FN:Jean-Luc\\, le
  Grand
PHOTO;ENCODING=b;TYPE=JPEG:MIICajCCAdOgAwIBAgICBEUwDQYJKoZIhvcNAQEEBQAwdzELMAkGA1UEBhMCVVMx
 LDAqBgNVBAoTI05ldHNjYXBlIENvbW11bmljYXRpb25zIENvcnBvcmF0aW9uMRww
EMAIL;TYPE=HOME:home@example.com
EMAIL;TYPE=WORK,PREF:work@example.com
END:VCARD`),
    );
    expect(r.candidates).toEqual([{ entry: 1, name: "Jean-Luc, le Grand", email: "work@example.com" }]);
  });

  it("reads vCard 2.1 quoted-printable names and bare parameters", () => {
    const r = parseVcard(`BEGIN:VCARD
VERSION:2.1
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=B6rg
EMAIL;INTERNET;PREF:jorg@example.de
END:VCARD`);
    expect(r.candidates).toEqual([{ entry: 1, name: "Jörg Müller", email: "jorg@example.de" }]);
  });

  it("a card without an address is reported; one without a name is named by its address", () => {
    const r = parseVcard(`BEGIN:VCARD
FN:No Mail
TEL:+33123456789
END:VCARD
BEGIN:VCARD
EMAIL:nameless@example.com
END:VCARD`);
    expect(r.skipped).toEqual([{ entry: 1, label: "No Mail", reason: "missing-email" }]);
    expect(r.candidates).toEqual([{ entry: 2, name: "nameless@example.com", email: "nameless@example.com" }]);
  });

  it("a name over 100 characters is reported, not cut", () => {
    const r = parseVcard(`BEGIN:VCARD\nFN:${"x".repeat(101)}\nEMAIL:long@example.com\nEND:VCARD`);
    expect(r.skipped[0]).toMatchObject({ entry: 1, reason: "name-too-long" });
  });
});

describe("CSV reader", () => {
  it("Google-style header with quoted names and a malformed row", () => {
    const r = parseCsv(
      'Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value\n' +
        '"Martin, Alice",Alice,Martin,* Home,alice@example.com\n' +
        ',Bob,Stone,Work,bob@example.com\n' +
        'Nobody,,,Home,not-an-address\n' +
        '"Unclosed,Carl,,Home,carl@example.com\n' +
        'Dana,,,Home,dana@example.com\n',
    );
    expect(r.candidates).toEqual([
      { entry: 1, name: "Martin, Alice", email: "alice@example.com" },
      { entry: 2, name: "Bob Stone", email: "bob@example.com" },
      { entry: 5, name: "Dana", email: "dana@example.com" },
    ]);
    expect(r.skipped.map((s) => [s.entry, s.reason])).toEqual([
      [3, "invalid-email"],
      [4, "malformed"],
    ]);
  });

  it("semicolon separator (Outlook in many locales) and a BOM", () => {
    const r = parseCsv("\uFEFFFirst Name;Last Name;E-mail Address\r\nÉlise;Roux;Elise@Example.FR\r\n");
    expect(r.candidates).toEqual([{ entry: 1, name: "Élise Roux", email: "elise@example.fr" }]);
  });

  it("without a header: the cell with an @ is the address, the first other cell the name", () => {
    const r = parseCsv("alice@example.com,Alice\nBob,bob@example.com\nCarl\n");
    expect(r.candidates).toEqual([
      { entry: 1, name: "Alice", email: "alice@example.com" },
      { entry: 2, name: "Bob", email: "bob@example.com" },
    ]);
    expect(r.skipped).toEqual([{ entry: 3, label: "Carl", reason: "missing-email" }]);
  });

  it("a quoted cell may span lines", () => {
    const r = parseCsv('name,email\n"Multi\nLine",multi@example.com\n');
    expect(r.candidates).toEqual([{ entry: 1, name: "Multi Line", email: "multi@example.com" }]);
  });
});

it("format detection: a BEGIN:VCARD line means vCard, anything else CSV", () => {
  expect(detectFormat("\r\nbegin:vcard\r\nFN:x\r\nEND:VCARD")).toBe("vcard");
  expect(detectFormat("name,email\nBEGIN:VCARD is not at line start, x@y.z")).toBe("csv");
});

describe("big files", () => {
  it("a card with a very long folded value (a photo) unfolds whole and is skipped cheaply", () => {
    const photo = "A".repeat(200_000).match(/.{1,74}/g)!.join("\r\n ");
    const r = parseVcard(`BEGIN:VCARD\r\nVERSION:3.0\r\nFN:With Photo\r\nPHOTO;ENCODING=b;TYPE=JPEG:${photo}\r\nEMAIL:p@example.com\r\nEND:VCARD\r\n`);
    expect(r.candidates).toEqual([{ entry: 1, name: "With Photo", email: "p@example.com" }]);
  });

  it("a long name folded many times keeps every piece in order", () => {
    const pieces = Array.from({ length: 20 }, (_, i) => `p${i}`);
    const r = parseVcard(`BEGIN:VCARD\r\nFN:${pieces.join("\r\n ")}\r\nEMAIL:long@example.com\r\nEND:VCARD`);
    expect(r.candidates[0].name).toBe(pieces.join(""));
  });

  it("an unclosed quote in a CSV row costs at most 20 lines: the rows after it still read", () => {
    const rows = ['name,email', '"Broken,broken@example.com'];
    for (let i = 0; i < 30; i++) rows.push(`P${i},p${i}@example.com`);
    const r = parseCsv(rows.join("\n"));
    expect(r.skipped.map((s) => s.reason)).toEqual(["malformed"]);
    expect(r.candidates).toHaveLength(30);
  });

  it("the cooperative parser gives the event loop turns while reading a big file", async () => {
    const { parseAddressBookCooperatively, parseAddressBook } = await import("@/lib/contacts/import");
    const cards = Array.from({ length: 5_000 }, (_, i) => `BEGIN:VCARD\r\nUID:u${i}\r\nFN:Person ${i}\r\nEMAIL:p${i}@example.com\r\nEND:VCARD`).join("\r\n");
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const r = await parseAddressBookCooperatively(cards);
    clearInterval(ticker);
    expect(r.candidates).toHaveLength(5_000);
    expect(r.candidates[5]).toEqual({ entry: 6, name: "Person 5", email: "p5@example.com", uid: "u5" });
    expect(turns).toBeGreaterThan(0);
    // Same result as reading it in one go.
    expect(parseAddressBook(cards).candidates).toEqual(r.candidates);
  });
});
