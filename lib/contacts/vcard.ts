import { EMAIL_MAX, isEmail, NAME_MAX, normalizeEmail, normalizeName, normalizePhones } from "./fields";
import { collect, type Candidate, type Parsed, type ParseResult, type Skipped } from "./parsed";

/**
 * A tolerant vCard 2.1 / 3.0 / 4.0 reader for the one thing an address book import needs:
 * each card's display name and e-mail address. Handles line folding, grouped properties
 * (`item1.EMAIL`), parameters (`EMAIL;TYPE=INTERNET,PREF:`), escapes, quoted-printable names
 * (2.1 exports) and cards that are cut short (a BEGIN before the previous END).
 */

type Property = { name: string; params: Map<string, string[]>; value: string };

/** The properties an address book keeps; every other line (photos, keys, notes) is skipped unparsed. */
const WANTED = new Set(["BEGIN", "END", "FN", "N", "ORG", "EMAIL", "TEL", "UID"]);

export function parseVcard(text: string): ParseResult {
  return collect(readVcards(text));
}

/**
 * The cards of a vCard file, one entry at a time, in one pass over the text (linear in its
 * length, so a caller can stop between cards to give the event loop a turn).
 */
export function* readVcards(text: string): Generator<Parsed> {
  let card: Property[] | null = null;
  let entry = 0;

  const finish = (props: Property[], complete: boolean) => readCard(++entry, props, complete);

  for (const line of unfold(text.replace(/^\uFEFF/, ""))) {
    if (!line.trim()) continue;
    const prop = parseLine(line);
    if (!prop) continue;
    if (prop.name === "BEGIN" && prop.value.trim().toUpperCase() === "VCARD") {
      if (card) yield finish(card, false); // the previous card never ended
      card = [];
    } else if (prop.name === "END" && prop.value.trim().toUpperCase() === "VCARD") {
      if (card) yield finish(card, true);
      card = null;
    } else if (card) {
      card.push(prop);
    }
  }
  if (card) yield finish(card, false);
}

/**
 * RFC 6350 §3.2 folding (CRLF + space/tab) and vCard 2.1 quoted-printable soft breaks ("=" at
 * end). Pieces of one logical line are gathered and joined once, so a long folded value (a
 * photo) costs its length, not its length squared.
 */
function* unfold(text: string): Generator<string> {
  let pieces: string[] = [];
  let quotedPrintable = false;
  let last = "";
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (pieces.length && (line.startsWith(" ") || line.startsWith("\t"))) {
      last = line.slice(1);
      pieces.push(last);
    } else if (pieces.length && quotedPrintable && last.endsWith("=")) {
      pieces[pieces.length - 1] = last.slice(0, -1);
      last = line;
      pieces.push(line);
    } else {
      if (pieces.length) yield pieces.length === 1 ? pieces[0] : pieces.join("");
      pieces = [line];
      last = line;
      const colon = line.indexOf(":");
      quotedPrintable = /QUOTED-PRINTABLE/i.test(colon < 0 ? line : line.slice(0, colon));
    }
  }
  if (pieces.length) yield pieces.length === 1 ? pieces[0] : pieces.join("");
}

/** The name before the first ";" or ":" (group prefix removed) is one we read. */
function maybeWanted(line: string, end: number) {
  return WANTED.has(line.slice(0, end).replace(/^[^.]*\./, "").trim().toUpperCase());
}

/** `[group.]NAME[;param=value…]:value`; the colon inside a quoted parameter value does not count. */
function parseLine(line: string): Property | null {
  // Cheap early exit: a line whose name we never read (a photo, a note) is not scanned further.
  const nameEnd = line.search(/[;:]/);
  if (nameEnd <= 0 || !maybeWanted(line, nameEnd)) return null;
  let inQuote = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') inQuote = !inQuote;
    else if (c === ":" && !inQuote) {
      colon = i;
      break;
    }
  }
  if (colon <= 0) return null;
  const head = line.slice(0, colon).split(";");
  const name = head[0].replace(/^[^.]*\./, "").trim().toUpperCase();
  if (!WANTED.has(name)) return null;
  const params = new Map<string, string[]>();
  for (const p of head.slice(1)) {
    const eq = p.indexOf("=");
    // vCard 2.1 allows bare parameters: "EMAIL;INTERNET;PREF:" means TYPE=INTERNET,PREF.
    const key = (eq < 0 ? "TYPE" : p.slice(0, eq)).trim().toUpperCase();
    const values = (eq < 0 ? p : p.slice(eq + 1)).replace(/"/g, "").split(",").map((v) => v.trim().toUpperCase());
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  return { name, params, value: line.slice(colon + 1) };
}

function decodeValue(prop: Property): string {
  let v = prop.value;
  if ((prop.params.get("ENCODING") ?? []).includes("QUOTED-PRINTABLE")) v = decodeQuotedPrintable(v);
  return v;
}

function decodeQuotedPrintable(v: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < v.length; i++) {
    if (v[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(v.slice(i + 1, i + 3))) {
      bytes.push(parseInt(v.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of Buffer.from(v[i])) bytes.push(b);
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** Text value escapes (RFC 6350 §3.4): \n, \, \; \\. */
function unescapeText(v: string) {
  return v.replace(/\\([nN,;\\])/g, (_, c: string) => (c === "n" || c === "N" ? " " : c));
}

/** Structured N: Family;Given;Additional;Prefix;Suffix → "Prefix Given Additional Family Suffix". */
function nameFromN(v: string) {
  const parts = v.split(/(?<!\\);/).map(unescapeText);
  const [family = "", given = "", additional = "", prefix = "", suffix = ""] = parts;
  return normalizeName([prefix, given, additional, family, suffix].join(" "));
}

function preferred(props: Property[]) {
  const pref = props.find((p) => {
    const types = p.params.get("TYPE") ?? [];
    return types.includes("PREF") || (p.params.get("PREF") ?? []).length > 0;
  });
  return pref ?? props[0];
}

export function readCard(entry: number, props: Property[], complete: boolean): Candidate | Skipped {
  const fn = props.find((p) => p.name === "FN");
  const n = props.find((p) => p.name === "N");
  const org = props.find((p) => p.name === "ORG");
  const uidProp = props.find((p) => p.name === "UID");
  const uid = uidProp ? unescapeText(uidProp.value).trim().slice(0, 255) : "";
  const emails = props.filter((p) => p.name === "EMAIL" && decodeValue(p).trim());

  let name = fn ? normalizeName(unescapeText(decodeValue(fn))) : "";
  if (!name && n) name = nameFromN(decodeValue(n));
  if (!name && org) name = normalizeName(unescapeText(decodeValue(org)).replace(/;/g, " "));
  const emailProp = emails.length ? preferred(emails) : undefined;
  const email = emailProp ? normalizeEmail(unescapeText(decodeValue(emailProp))) : "";
  // TEL: 3.0 "TEL;TYPE=CELL:+33 6 12 34 56 78", 4.0 "TEL;VALUE=uri;TYPE=cell:tel:+33-6-12-34-56-78";
  // the preferred one first, then in card order. Numbers that are not international are dropped.
  const tels = props.filter((p) => p.name === "TEL" && decodeValue(p).trim());
  const pref = tels.length ? preferred(tels) : undefined;
  const phoneNumbers = normalizePhones([...(pref ? [pref] : []), ...tels.filter((p) => p !== pref)].map((p) => unescapeText(decodeValue(p))));
  const label = (name || email || phoneNumbers[0] || `#${entry}`).slice(0, 120);

  if (!complete) return { entry, label, reason: "malformed" };
  if (!email && phoneNumbers.length === 0) return { entry, label, reason: "missing-email" };
  if (email && (email.length > EMAIL_MAX || !isEmail(email))) return { entry, label, reason: "invalid-email" };
  if (name.length > NAME_MAX) return { entry, label, reason: "name-too-long" };
  // A card with an address but no name still is someone you can call: name them by address.
  return { entry, name: name || email || phoneNumbers[0], email: email || null, phoneNumbers, ...(uid && { uid }) };
}
