import { EMAIL_MAX, isEmail, NAME_MAX, normalizeEmail, normalizeName } from "./fields";
import type { Candidate, ParseResult, Skipped } from "./parsed";

/**
 * CSV address books as mail programs export them (Google, Outlook, Thunderbird, Apple,
 * spreadsheets): RFC 4180 quoting, comma / semicolon / tab separators, a header row when
 * there is one. Without a header, the cell that looks like an address is the email and the
 * first other non-empty cell is the name.
 */

type Row = { cells: string[]; ok: boolean };

export function parseCsv(text: string): ParseResult {
  const body = text.replace(/^\uFEFF/, "");
  const delimiter = detectDelimiter(body);
  const rows = splitRows(body, delimiter).filter((r) => r.cells.some((c) => c.trim()));
  const candidates: Candidate[] = [];
  const skipped: Skipped[] = [];
  if (!rows.length) return { candidates, skipped };

  const header = readHeader(rows[0].cells);
  const data = header ? rows.slice(1) : rows;
  data.forEach((row, i) => {
    const entry = i + 1;
    const { name, email } = header ? pickByHeader(row.cells, header) : pickByShape(row.cells);
    const label = (name || email || row.cells.join(" ").trim() || `#${entry}`).slice(0, 120);
    if (!row.ok) skipped.push({ entry, label, reason: "malformed" });
    else if (!email) skipped.push({ entry, label, reason: "missing-email" });
    else if (email.length > EMAIL_MAX || !isEmail(email)) skipped.push({ entry, label, reason: "invalid-email" });
    else if (name.length > NAME_MAX) skipped.push({ entry, label, reason: "name-too-long" });
    else candidates.push({ entry, name: name || email, email });
  });
  return { candidates, skipped };
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
 * never closes is marked not ok and ends at its own line, so one bad row does not swallow
 * the rest of the file.
 */
function splitRows(text: string, d: string): Row[] {
  const rows: Row[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let i = 0;
  while (i < lines.length) {
    const start = i;
    let buffer = lines[i];
    let parsed = splitCells(buffer, d);
    // A quoted cell with a newline inside: keep reading lines until the quotes balance.
    while (!parsed.ok && i + 1 < lines.length && i - start < 20) {
      i++;
      buffer += "\n" + lines[i];
      parsed = splitCells(buffer, d);
    }
    if (!parsed.ok) {
      i = start;
      parsed = splitCells(lines[start], d);
    }
    rows.push(parsed);
    i++;
  }
  return rows;
}

function splitCells(line: string, d: string): Row {
  const cells: string[] = [];
  let cell = "";
  let q = false;
  let wasQuoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') q = false;
      else cell += c;
    } else if (c === '"' && !cell.trim() && !wasQuoted) {
      q = true;
      wasQuoted = true;
      cell = "";
    } else if (c === d) {
      cells.push(cell);
      cell = "";
      wasQuoted = false;
    } else {
      cell += c;
    }
  }
  cells.push(cell);
  return { cells: cells.map((c) => c.trim()), ok: !q };
}

type Header = { email: number; name?: number; first?: number; middle?: number; last?: number };

const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

function readHeader(cells: string[]): Header | null {
  const h = cells.map(norm);
  const email = h.findIndex((c) => /\be ?mail\b|^email/.test(c) && !/\b(type|label|display)\b/.test(c));
  if (email < 0) {
    // A header row without an email column (e.g. "Name;Phone") still is a header if no cell
    // looks like an address; such a file has nothing to import, every row is reported.
    const looksLikeHeader = h.some((c) => ["name", "full name", "display name", "first name", "last name"].includes(c)) && !cells.some((c) => c.includes("@"));
    return looksLikeHeader ? { email: -1 } : null;
  }
  const find = (...names: string[]) => {
    const i = h.findIndex((c) => names.includes(c));
    return i < 0 ? undefined : i;
  };
  return {
    email,
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
  return { name, email };
}

function pickByShape(cells: string[]) {
  const ei = cells.findIndex((c) => c.includes("@"));
  const email = ei < 0 ? "" : normalizeEmail(cells[ei]);
  const name = normalizeName(cells.find((c, i) => i !== ei && c.trim()) ?? "");
  return { name, email };
}
