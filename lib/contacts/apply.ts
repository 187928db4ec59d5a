import { randomUUID } from "node:crypto";
import { db, lockRow, sql } from "../db";
import { sourceContacts, type SourceContactRecord } from "../db/statements";
import { config } from "../config";
import { cooperative } from "./cooperative";
import type { Skipped } from "./parsed";

/**
 * Applies what a source says to the contacts it brought (one-way): matched by `key` (the vCard
 * UID, or a stable key when there is none), updated in place, created, removed — nothing
 * duplicated. Writes go in batches of WRITE_BATCH rows, each its own short transaction that
 * first checks the source still exists (so deleting a source mid-sync leaves no orphans), with
 * the event loop given a turn between batches.
 */
export type Incoming = { key: string; entry: number; name: string; email: string | null; phoneNumbers: string[]; href?: string; etag?: string };

export type Removal =
  /** a full file: every contact whose key is not in the file goes */
  | { keysNotIn: Set<string> }
  /** a CardDAV listing: these hrefs are gone; with `under`+`hrefsNotIn`, everything under that book path not listed is gone */
  | { hrefs: string[]; under?: string; hrefsNotIn?: Set<string> };

export type ApplyResult = { added: number; updated: number; removed: number; skipped: Skipped[]; changedIds: string[] };

/**
 * Rows per write transaction. Small on purpose: Prisma's createMany costs about a millisecond of
 * main-thread time per row on a loaded machine (measured: 1,076 rows in one statement blocked
 * the event loop 1.2–2 s; batches of 25 kept the worst stall under ~90 ms), and the heartbeat's
 * own database check waits for the open transaction.
 */
export const WRITE_BATCH = 20;
const READ_PAGE = 250;

/**
 * All contacts of a source, a page at a time on driver-level statements (lib/db/statements.ts):
 * Prisma compiled each page's query anew on the main thread (a no-change sync of a
 * 10,000-card book stalled the event loop 240–360 ms, docs/performance.md), and a page of rows
 * is a long synchronous mapping. The loop gets a turn between pages once the budget is spent.
 */
export async function contactsOfSource(sourceId: string, maybeYield: () => Promise<void>): Promise<Row[]> {
  const engine = await sql();
  const rows: Row[] = await engine.many(sourceContacts.unkeyed, sourceId);
  let after = "";
  for (;;) {
    const page = await engine.many(sourceContacts.page, sourceId, after, READ_PAGE);
    for (const r of page) rows.push(r);
    await maybeYield();
    if (page.length < READ_PAGE) return rows;
    after = page[page.length - 1].sourceKey ?? "";
  }
}

type Row = SourceContactRecord;

export async function applyToSource(
  userId: string,
  sourceId: string,
  incoming: Incoming[],
  removal: Removal,
  skippedIn: Skipped[] = [],
  onProgress?: (done: number, total: number) => Promise<void>,
): Promise<ApplyResult> {
  const maybeYield = cooperative();
  const skipped = [...skippedIn];
  const existing = await contactsOfSource(sourceId, maybeYield);
  const byKey = new Map<string, Row>();
  for (const r of existing) if (r.sourceKey) byKey.set(r.sourceKey, r);

  // One entry per key: the first wins.
  const seenKeys = new Set<string>();
  const unique: Incoming[] = [];
  for (const c of incoming) {
    if (seenKeys.has(c.key)) skipped.push({ entry: c.entry, label: c.name, reason: "duplicate" });
    else {
      seenKeys.add(c.key);
      unique.push(c);
    }
    await maybeYield();
  }

  // Which existing contacts go.
  const remove = new Set<string>();
  const parsedHrefs = new Set(unique.map((c) => c.href).filter((h): h is string => !!h));
  if ("keysNotIn" in removal) {
    for (const r of existing) if (!r.sourceKey || !removal.keysNotIn.has(r.sourceKey)) remove.add(r.id);
  } else {
    const gone = new Set(removal.hrefs);
    for (const r of existing) {
      if (!r.href || seenKeys.has(r.sourceKey ?? "")) continue;
      if (gone.has(r.href)) remove.add(r.id);
      // The card at this href now has another UID: the old contact is replaced.
      else if (parsedHrefs.has(r.href)) remove.add(r.id);
      else if (removal.under && removal.hrefsNotIn && r.href.startsWith(removal.under) && !removal.hrefsNotIn.has(r.href)) remove.add(r.id);
    }
  }

  // Emails stay unique per source: those of contacts that stay untouched are taken first.
  const takenEmail = new Map<string, string>();
  // (Phone-only contacts have no address to collide on.)
  for (const r of existing) if (r.email && !remove.has(r.id) && !(r.sourceKey && seenKeys.has(r.sourceKey))) takenEmail.set(r.email, r.sourceKey ?? r.id);
  const creates: Incoming[] = [];
  const updates: { row: Row; c: Incoming; changed: boolean }[] = [];
  for (const c of unique) {
    const holder = c.email === null ? undefined : takenEmail.get(c.email);
    if (holder !== undefined && holder !== c.key) {
      skipped.push({ entry: c.entry, label: c.name, reason: "duplicate" });
      const old = byKey.get(c.key);
      if (old?.email) takenEmail.set(old.email, c.key); // keep its last good version
      continue;
    }
    if (c.email !== null) takenEmail.set(c.email, c.key);
    const row = byKey.get(c.key);
    const phones = JSON.stringify(c.phoneNumbers);
    if (!row) creates.push(c);
    else updates.push({ row, c, changed: row.name !== c.name || row.email !== c.email || row.phoneNumbers !== phones });
    await maybeYield();
  }

  // The address book's size limit counts every contact of the owner.
  const total = await db().contact.count({ where: { userId } });
  let room = config().caps.contactsPerUser - (total - remove.size);
  const allowed: Incoming[] = [];
  for (const c of creates) {
    if (room > 0) {
      allowed.push(c);
      room--;
    } else skipped.push({ entry: c.entry, label: c.name, reason: "limit" });
  }

  const steps = remove.size + updates.length + allowed.length;
  let done = 0;
  const batch = async (write: (tx: Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0]) => Promise<unknown>, size: number) => {
    await db().$transaction(async (tx) => {
      await lockRow(tx, "ContactSource", sourceId);
      const still = await tx.contactSource.findUnique({ where: { id: sourceId }, select: { id: true } });
      if (!still) throw new SourceGone();
      await write(tx);
    });
    done += size;
    if (onProgress) await onProgress(done, steps);
    await maybeYield();
  };

  const removeIds = [...remove];
  for (let i = 0; i < removeIds.length; i += WRITE_BATCH) {
    const ids = removeIds.slice(i, i + WRITE_BATCH);
    await batch((tx) => tx.contact.deleteMany({ where: { id: { in: ids }, sourceId } }), ids.length);
  }

  // Addresses that move between contacts of this source: park them first so no step collides.
  const moving = updates.filter((u) => u.row.email !== null && u.row.email !== u.c.email);
  for (let i = 0; i < moving.length; i += WRITE_BATCH) {
    const part = moving.slice(i, i + WRITE_BATCH);
    await batch(async (tx) => {
      for (const u of part) await tx.contact.update({ where: { id: u.row.id }, data: { email: `${u.row.id}@moving.invalid` } });
    }, 0);
  }
  const changedIds: string[] = [];
  for (let i = 0; i < updates.length; i += WRITE_BATCH) {
    const part = updates.slice(i, i + WRITE_BATCH);
    await batch(async (tx) => {
      for (const { row, c, changed } of part) {
        if (!changed && row.href === (c.href ?? null) && row.etag === (c.etag ?? null)) continue;
        await tx.contact.update({
          where: { id: row.id },
          data: { name: c.name, email: c.email, phoneNumbers: JSON.stringify(c.phoneNumbers), href: c.href ?? null, etag: c.etag ?? null },
        });
      }
    }, part.length);
    for (const u of part) if (u.changed) changedIds.push(u.row.id);
  }
  for (let i = 0; i < allowed.length; i += WRITE_BATCH) {
    const rows = allowed.slice(i, i + WRITE_BATCH).map((c) => ({
      id: randomUUID(),
      userId,
      sourceId,
      sourceKey: c.key,
      name: c.name,
      email: c.email,
      phoneNumbers: JSON.stringify(c.phoneNumbers),
      href: c.href ?? null,
      etag: c.etag ?? null,
    }));
    await batch((tx) => tx.contact.createMany({ data: rows }), rows.length);
    changedIds.push(...rows.map((r) => r.id));
  }

  skipped.sort((a, b) => a.entry - b.entry);
  return { added: allowed.length, updated: updates.filter((u) => u.changed).length, removed: remove.size, skipped, changedIds };
}

/** The source was deleted while its sync ran: the sync stops, nothing more is written. */
export class SourceGone extends Error {
  constructor() {
    super("The source was removed.");
  }
}
