import { z } from "zod";
import { db } from "../db";
import type { Incoming } from "./apply";
import { byName, viewOf, type ContactView } from "./contacts";
import { cooperative } from "./cooperative";
import { readCsv } from "./csv";
import { isSkipped, type Candidate, type Parsed, type ParseResult, type Skipped } from "./parsed";
import { applyFile, fileSource, sourceName, type SourceRef } from "./sources";
import { readVcards } from "./vcard";

/**
 * An address book file (vCard or CSV) is a source of kind `file` (contract §10), named by the
 * caller (default: "Imported file"). Importing under the same name again updates that source's
 * contacts in place by vCard UID (or, without one, by e-mail address), adds the new ones and
 * removes those no longer in the file; nothing is duplicated. Unreadable entries are reported
 * with their reason. Parsing is linear and yields to the event loop every few milliseconds, so
 * a big file never stalls other requests.
 */
export const DEFAULT_FILE_SOURCE = "Imported file";

export const importInput = z.object({
  text: z.string({ error: "text should be the file's content" }).min(1, "text should not be empty"),
  format: z.enum(["vcard", "csv"], { error: "format should be vcard or csv" }).optional(),
  name: sourceName.optional(),
});

export type ImportInput = z.output<typeof importInput>;
export type ImportResult = {
  format: "vcard" | "csv";
  source: SourceRef;
  added: number;
  updated: number;
  removed: number;
  /** the contacts this import added or changed */
  imported: ContactView[];
  skipped: Skipped[];
};

export function detectFormat(text: string): "vcard" | "csv" {
  return /^\s*BEGIN:VCARD\s*$/im.test(text) ? "vcard" : "csv";
}

function entries(text: string, format: "vcard" | "csv"): Generator<Parsed> {
  return format === "vcard" ? readVcards(text) : readCsv(text);
}

export function parseAddressBook(text: string, format = detectFormat(text)): ParseResult & { format: "vcard" | "csv" } {
  const candidates: Candidate[] = [];
  const skipped: Skipped[] = [];
  for (const e of entries(text, format)) (isSkipped(e) ? skipped : candidates).push(e as never);
  return { format, candidates, skipped };
}

/** The same, giving the event loop a turn every few milliseconds. */
export async function parseAddressBookCooperatively(text: string, format = detectFormat(text)) {
  const candidates: Candidate[] = [];
  const skipped: Skipped[] = [];
  const maybeYield = cooperative();
  for (const e of entries(text, format)) {
    if (isSkipped(e)) skipped.push(e);
    else candidates.push(e);
    await maybeYield();
  }
  return { format, candidates, skipped };
}

export async function importContacts(userId: string, input: ImportInput): Promise<ImportResult> {
  const parsed = await parseAddressBookCooperatively(input.text, input.format);
  const source = await fileSource(userId, input.name ?? DEFAULT_FILE_SOURCE);
  const incoming: Incoming[] = parsed.candidates.map((c) => ({
    // Without a UID, a contact is known by its address: the e-mail, or else its first number.
    key: c.uid ? `uid:${c.uid}` : c.email ? `email:${c.email}` : `tel:${c.phoneNumbers[0]}`,
    entry: c.entry,
    name: c.name,
    email: c.email,
    phoneNumbers: c.phoneNumbers,
  }));
  const applied = await applyFile(userId, source.id, incoming, parsed.skipped);
  const rows = [];
  const maybeYield = cooperative();
  for (let i = 0; i < applied.changedIds.length; i += 200) {
    const ids = applied.changedIds.slice(i, i + 200);
    rows.push(...(await db().contact.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true, phoneNumbers: true, createdAt: true } })));
    await maybeYield();
  }
  const ref: SourceRef = { id: source.id, kind: "file", name: source.name };
  return {
    format: parsed.format,
    source: ref,
    added: applied.added,
    updated: applied.updated,
    removed: applied.removed,
    imported: rows.map((r) => viewOf(r, ref)).sort(byName),
    skipped: applied.skipped,
  };
}
