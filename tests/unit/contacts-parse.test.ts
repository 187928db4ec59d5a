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
      { entry: 1, name: "Alice Martin", email: "alice@example.com", phoneNumbers: [] },
      { entry: 3, name: "Dr. Carol Durand", email: "carol@example.org", phoneNumbers: [] },
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
    expect(r.candidates).toEqual([{ entry: 2, name: "Whole Card", email: "whole@example.com", phoneNumbers: [] }]);
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
    expect(r.candidates).toEqual([{ entry: 1, name: "Jean-Luc, le Grand", email: "work@example.com", phoneNumbers: [] }]);
  });

  it("reads vCard 2.1 quoted-printable names and bare parameters", () => {
    const r = parseVcard(`BEGIN:VCARD
VERSION:2.1
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=B6rg
EMAIL;INTERNET;PREF:jorg@example.de
END:VCARD`);
    expect(r.candidates).toEqual([{ entry: 1, name: "Jörg Müller", email: "jorg@example.de", phoneNumbers: [] }]);
  });

  it("a card without an address is reported; one without a name is named by its address", () => {
    // A national number cannot be normalised without a country: dropped, so the card has no address.
    const r = parseVcard(`BEGIN:VCARD
FN:No Mail
TEL:01 23 45 67 89
END:VCARD
BEGIN:VCARD
EMAIL:nameless@example.com
END:VCARD`);
    expect(r.skipped).toEqual([{ entry: 1, label: "No Mail", reason: "missing-email" }]);
    expect(r.candidates).toEqual([{ entry: 2, name: "nameless@example.com", email: "nameless@example.com", phoneNumbers: [] }]);
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
      { entry: 1, name: "Martin, Alice", email: "alice@example.com", phoneNumbers: [] },
      { entry: 2, name: "Bob Stone", email: "bob@example.com", phoneNumbers: [] },
      { entry: 5, name: "Dana", email: "dana@example.com", phoneNumbers: [] },
    ]);
    expect(r.skipped.map((s) => [s.entry, s.reason])).toEqual([
      [3, "invalid-email"],
      [4, "malformed"],
    ]);
  });

  it("semicolon separator (Outlook in many locales) and a BOM", () => {
    const r = parseCsv("\uFEFFFirst Name;Last Name;E-mail Address\r\nÉlise;Roux;Elise@Example.FR\r\n");
    expect(r.candidates).toEqual([{ entry: 1, name: "Élise Roux", email: "elise@example.fr", phoneNumbers: [] }]);
  });

  it("without a header: the cell with an @ is the address, the first other cell the name", () => {
    const r = parseCsv("alice@example.com,Alice\nBob,bob@example.com\nCarl\n");
    expect(r.candidates).toEqual([
      { entry: 1, name: "Alice", email: "alice@example.com", phoneNumbers: [] },
      { entry: 2, name: "Bob", email: "bob@example.com", phoneNumbers: [] },
    ]);
    expect(r.skipped).toEqual([{ entry: 3, label: "Carl", reason: "missing-email" }]);
  });

  it("a quoted cell may span lines", () => {
    const r = parseCsv('name,email\n"Multi\nLine",multi@example.com\n');
    expect(r.candidates).toEqual([{ entry: 1, name: "Multi Line", email: "multi@example.com", phoneNumbers: [] }]);
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
    expect(r.candidates).toEqual([{ entry: 1, name: "With Photo", email: "p@example.com", phoneNumbers: [] }]);
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
    expect(r.candidates[5]).toEqual({ entry: 6, name: "Person 5", email: "p5@example.com", phoneNumbers: [], uid: "u5" });
    expect(turns).toBeGreaterThan(0);
    // Same result as reading it in one go.
    expect(parseAddressBook(cards).candidates).toEqual(r.candidates);
  });
});

describe("phone numbers", () => {
  it("vCard 3.0 TEL and 4.0 tel: URIs become E.164, the preferred first; national numbers are dropped", () => {
    const r = parseVcard(`BEGIN:VCARD
VERSION:3.0
FN:Three
TEL;TYPE=HOME:+44 20 7946 0958
TEL;TYPE=CELL,PREF:+33 (0)6 12-34-56-78
TEL;TYPE=WORK:01 23 45 67 89
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Four
UID:urn:uuid:four
TEL;VALUE=uri;PREF=1;TYPE="voice,cell":tel:+1-202-555-0143;ext=12
TEL;VALUE=uri;TYPE=home:tel:0033612345678
EMAIL:four@example.com
END:VCARD`);
    expect(r.skipped).toEqual([]);
    expect(r.candidates).toEqual([
      { entry: 1, name: "Three", email: null, phoneNumbers: ["+33612345678", "+442079460958"] },
      { entry: 2, name: "Four", email: "four@example.com", phoneNumbers: ["+12025550143", "+33612345678"], uid: "urn:uuid:four" },
    ]);
  });

  it("a card with only a number and no name is named by its number", () => {
    const r = parseVcard("BEGIN:VCARD\nTEL:+33612345678\nEND:VCARD");
    expect(r.candidates).toEqual([{ entry: 1, name: "+33612345678", email: null, phoneNumbers: ["+33612345678"] }]);
  });

  it("Google CSV: Phone n - Value columns, several numbers in one cell, type columns ignored", () => {
    const csv = [
      "Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value",
      'Ana Lima,Ana,Lima,* Home,ana@example.com,Mobile,+33 6 12 34 56 78 ::: +44 20 7946 0958,Work,+1 202-555-0143',
      "Only Phone,Only,Phone,,,Mobile,+33 6 98 76 54 32,,",
      "Nothing,No,Thing,,,Home,06 12 34 56 78,,",
    ].join("\n");
    const r = parseCsv(csv);
    expect(r.candidates).toEqual([
      { entry: 1, name: "Ana Lima", email: "ana@example.com", phoneNumbers: ["+33612345678", "+442079460958", "+12025550143"] },
      { entry: 2, name: "Only Phone", email: null, phoneNumbers: ["+33698765432"] },
    ]);
    expect(r.skipped).toEqual([{ entry: 3, label: "Nothing", reason: "missing-email" }]);
  });

  it("Outlook CSV: Mobile Phone first, then Business and Home Phone; Business Fax ignored", () => {
    const csv = [
      "First Name,Last Name,Business Fax,Business Phone,Home Phone,Mobile Phone,E-mail Address",
      "Bo,Berg,+46 8 123 456 78,+46 8 555 123 45,,+46 70 123 45 67,",
    ].join("\r\n");
    expect(parseCsv(csv).candidates).toEqual([{ entry: 1, name: "Bo Berg", email: null, phoneNumbers: ["+46701234567", "+46855512345"] }]);
  });

  it("a CSV with a phone column and no email column imports by number", () => {
    expect(parseCsv("Name;Phone\nZed;+33 6 12 34 56 78\n").candidates).toEqual([{ entry: 1, name: "Zed", email: null, phoneNumbers: ["+33612345678"] }]);
  });
});
