import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "../db";
import { byName, isUniqueViolation, MAX_CONTACTS, viewOf, type ContactView } from "./contacts";
import { parseCsv } from "./csv";
import type { Candidate, ParseResult, Skipped } from "./parsed";
import { parseVcard } from "./vcard";

/**
 * One-way import of an address book file (vCard or CSV): every readable new address becomes a
 * contact, everything else is reported with its reason; existing contacts are never changed.
 * All rows of one import are written in one transaction.
 */
export const importInput = z.object({
  text: z.string({ error: "text should be the file's content" }).min(1, "text should not be empty"),
  format: z.enum(["vcard", "csv"], { error: "format should be vcard or csv" }).optional(),
});

export type ImportInput = z.output<typeof importInput>;
export type ImportResult = { format: "vcard" | "csv"; imported: ContactView[]; skipped: Skipped[] };

export function detectFormat(text: string): "vcard" | "csv" {
  return /^\s*BEGIN:VCARD\s*$/im.test(text) ? "vcard" : "csv";
}

export function parseAddressBook(text: string, format = detectFormat(text)): ParseResult & { format: "vcard" | "csv" } {
  return { format, ...(format === "vcard" ? parseVcard(text) : parseCsv(text)) };
}

export async function importContacts(userId: string, input: ImportInput): Promise<ImportResult> {
  const parsed = parseAddressBook(input.text, input.format);
  const skipped = [...parsed.skipped];

  // Same address twice in one file: the first one wins.
  const seen = new Set<string>();
  const unique: Candidate[] = [];
  for (const c of parsed.candidates) {
    if (seen.has(c.email)) skipped.push({ entry: c.entry, label: c.name, reason: "duplicate" });
    else {
      seen.add(c.email);
      unique.push(c);
    }
  }

  const write = () =>
    db().$transaction(async (tx) => {
      const late: Skipped[] = [];
      const existing = unique.length
        ? await tx.contact.findMany({ where: { userId, email: { in: unique.map((c) => c.email) } }, select: { email: true } })
        : [];
      const known = new Set(existing.map((e) => e.email));
      let room = MAX_CONTACTS - (await tx.contact.count({ where: { userId } }));
      const fresh: Candidate[] = [];
      for (const c of unique) {
        if (known.has(c.email)) late.push({ entry: c.entry, label: c.name, reason: "exists" });
        else if (room <= 0) late.push({ entry: c.entry, label: c.name, reason: "limit" });
        else {
          fresh.push(c);
          room--;
        }
      }
      const rows = fresh.map((c) => ({ id: randomUUID(), userId, name: c.name, email: c.email }));
      if (rows.length) await tx.contact.createMany({ data: rows });
      const created = rows.length
        ? await tx.contact.findMany({
            where: { id: { in: rows.map((r) => r.id) } },
            select: { id: true, name: true, email: true, createdAt: true },
          })
        : [];
      return { created, late };
    });

  let outcome: Awaited<ReturnType<typeof write>>;
  try {
    outcome = await write();
  } catch (e) {
    // Another request added one of these addresses between our read and write: read again.
    if (!isUniqueViolation(e)) throw e;
    outcome = await write();
  }
  skipped.push(...outcome.late);
  skipped.sort((a, b) => a.entry - b.entry);
  return { format: parsed.format, imported: outcome.created.map(viewOf).sort(byName), skipped };
}
