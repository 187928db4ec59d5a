import { EMAIL_MAX, isEmail, NAME_MAX, normalizeEmail, normalizeName, normalizePhones } from "./fields";
import { collect, type Parsed, type ParseResult } from "./parsed";

/**
 * CSV address books as mail programs export them (Google, Outlook, Thunderbird, Apple,
 * spreadsheets): RFC 4180 quoting, comma / semicolon / tab separators, a header row when
 * there is one. Without a header, the cell that looks like an address is the email and the
 * first other non-empty cell is the name.
 */

type Row = { cells: string[]; ok: boolean };

export function parseCsv(text: string): ParseResult {
  return collect(readCsv(text));
}

/** The data rows of a CSV file, one entry at a time, in one pass over the text (linear). */
export function* readCsv(text: string): Generator<Parsed> {
  const body = text.replace(/^\uFEFF/, "");
  const delimiter = detectDelimiter(body);
  let header: Header | null | undefined;
  let entry = 0;
  for (const row of splitRows(body, delimiter)) {
    if (!row.cells.some((c) => c.trim())) continue;
    if (header === undefined) {
      header = readHeader(row.cells);
      if (header) continue;
    }
    entry += 1;
    const { name, email, phoneNumbers } = header ? pickByHeader(row.cells, header) : pickByShape(row.cells);
    const label = (name || email || phoneNumbers[0] || row.cells.join(" ").trim() || `#${entry}`).slice(0, 120);
    if (!row.ok) yield { entry, label, reason: "malformed" };
    else if (!email && phoneNumbers.length === 0) yield { entry, label, reason: "missing-email" };
    else if (email && (email.length > EMAIL_MAX || !isEmail(email))) yield { entry, label, reason: "invalid-email" };
    else if (name.length > NAME_MAX) yield { entry, label, reason: "name-too-long" };
    else yield { entry, name: name || email || phoneNumbers[0], email: email || null, phoneNumbers };
  }
}

/** The separator that occurs most (outside quotes) on the first line. */
function detectDelimiter(text: string): string {
  const first = text.split(/\r\n|\r|\n/, 1)[0] ?? "";
  let best = ",";
  let bestCount = 0;
  for (const d of [",", ";", "\t"]) {
    let count = 0;
    let q = false;
    for (const c of first) {
      if (c === '"') q = !q;
      else if (c === d && !q) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/**
 * RFC 4180: quoted cells may hold separators, doubled quotes and newlines. A row whose quote
 * does not close within 20 lines (or before the end) is marked not ok and ends at its own
 * line, so one bad row does not swallow the rest of the file. One pass: each character is read
 * once, plus at most 20 lines again for a broken row.
 */
const MAX_LINES_IN_CELL = 20;

function* splitRows(text: string, d: string): Generator<Row> {
  let pos = 0;
  while (pos < text.length) {
    const r = scanRow(text, pos, d, MAX_LINES_IN_CELL);
    if (r.ok) {
      yield { cells: r.cells, ok: true };
      pos = r.next;
    } else {
      // The quote never closed: this physical line alone is the (broken) row.
      const end = lineEnd(text, pos);
      const alone = scanRow(text.slice(pos, end.at), 0, d, 0);
      yield { cells: alone.cells, ok: false };
      pos = end.next;
    }
  }
}

function lineEnd(text: string, from: number) {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return { at: i, next: i + 1 };
    if (c === 13) return { at: i, next: text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1 };
  }
  return { at: text.length, next: text.length };
}

/** One row from `pos`: cells, whether its quotes balanced, and where the next row starts. */
function scanRow(text: string, pos: number, d: string, maxExtraLines: number) {
  const cells: string[] = [];
  let cell: string[] = [];
  let q = false;
  let wasQuoted = false;
  let extraLines = 0;
  let hasText = false; // the unquoted cell so far holds more than whitespace
  let i = pos;
  for (; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') {
        cell.push('"');
        i++;
      } else if (c === '"') q = false;
      else if (c === "\r" || c === "\n") {
        if (c === "\r" && text[i + 1] === "\n") i++;
        if (++extraLines > maxExtraLines) return { cells, ok: false, next: i + 1 };
        cell.push("\n");
      } else cell.push(c);
    } else if (c === "\r" || c === "\n") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      break;
    } else if (c === '"' && !hasText && !wasQuoted) {
      q = true;
      wasQuoted = true;
      cell = [];
    } else if (c === d) {
      cells.push(cell.join("").trim());
      cell = [];
      wasQuoted = false;
      hasText = false;
    } else {
      cell.push(c);
      if (c !== " " && c !== "\t") hasText = true;
    }
  }
  cells.push(cell.join("").trim());
  return { cells, ok: !q, next: i + 1 };
}

type Header = { email: number; phones: number[]; name?: number; first?: number; middle?: number; last?: number };

const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

function readHeader(cells: string[]): Header | null {
  const h = cells.map(norm);
  const email = h.findIndex((c) => /\be ?mail\b|^email/.test(c) && !/\b(type|label|display)\b/.test(c));
  // Phone columns: Google "Phone 1 - Value", Outlook "Mobile Phone" / "Business Phone" /
  // "Home Phone 2", Thunderbird "Work Phone" / "Mobile Number", plain "Phone", "Tel", "Mobile".
  // Mobile numbers first: they are the ones most likely to be someone's verified identity.
  const phones = h
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => /\b(phone|tel|telephone|mobile|cell)\b/.test(c) && !/\b(type|label)\b/.test(c) && !/\bfax\b/.test(c))
    .sort((a, b) => Number(/\b(mobile|cell)\b/.test(b.c)) - Number(/\b(mobile|cell)\b/.test(a.c)))
    .map(({ i }) => i);
  const looksLikeHeader = !cells.some((c) => c.includes("@") || /^\+?[0-9][0-9 ().-]{5,}$/.test(c.trim()));
  if (email < 0 && (phones.length === 0 || !looksLikeHeader)) {
    // A header row with neither an email nor a phone column (e.g. "Name;Notes") still is a
    // header if no cell looks like an address; such a file has nothing to import, every row is reported.
    const named = h.some((c) => ["name", "full name", "display name", "first name", "last name"].includes(c)) && looksLikeHeader;
    return named ? { email: -1, phones: [] } : null;
  }
  const find = (...names: string[]) => {
    const i = h.findIndex((c) => names.includes(c));
    return i < 0 ? undefined : i;
  };
  return {
    email,
    phones,
    name: find("name", "full name", "display name", "fn", "contact name", "nickname"),
    first: find("first name", "given name", "firstname", "givenname", "first"),
    middle: find("middle name", "additional name"),
    last: find("last name", "family name", "surname", "lastname", "familyname", "last"),
  };
}

function pickByHeader(cells: string[], h: Header) {
  const at = (i?: number) => (i === undefined || i < 0 ? "" : (cells[i] ?? ""));
  const email = h.email < 0 ? "" : normalizeEmail(at(h.email));
  const composed = normalizeName([at(h.first), at(h.middle), at(h.last)].join(" "));
  const name = normalizeName(at(h.name)) || composed;
  // Google puts several numbers in one cell: "+33 6 12 34 56 78 ::: +33 1 23 45 67 89".
  const phoneNumbers = normalizePhones(h.phones.flatMap((i) => at(i).split(/\s*:::\s*/)));
  return { name, email, phoneNumbers };
}

function pickByShape(cells: string[]) {
  const ei = cells.findIndex((c) => c.includes("@"));
  const email = ei < 0 ? "" : normalizeEmail(cells[ei]);
  const pi = cells.findIndex((c, i) => i !== ei && /^\+[0-9][0-9 ().-]{5,}$/.test(c.trim()));
  const phoneNumbers = pi < 0 ? [] : normalizePhones([cells[pi]]);
  const name = normalizeName(cells.find((c, i) => i !== ei && i !== pi && c.trim()) ?? "");
  return { name, email, phoneNumbers };
}
