import { randomUUID } from "node:crypto";
import { z } from "zod";
import { clock } from "../clock";
import { db, isDue } from "../db";
import { due as dueSql } from "../db/statements";
import { errno, errors, LoopError } from "../http/errors";
import { log } from "../log";
import { applyToSource, contactsOfSource, SourceGone, type ApplyResult, type Incoming } from "./apply";
import { checkSourceUrl, describeFailure, fetchCards, listChanges, MULTIGET_BATCH, resolveBooks, transferStats, type Credentials } from "./carddav";
import { cooperative } from "./cooperative";
import { isSkipped, type Skipped } from "./parsed";
import { open, seal } from "./secret-box";
import { readVcards } from "./vcard";
import { config } from "../config";

/**
 * Contact sources (contract §10): CardDAV address books and imported files. Contacts come from
 * them one way; a sync runs under a lease row (one at a time per source, across instances).
 */
export type SourceKind = "carddav" | "file";
export type SourceRef = { id: string; kind: SourceKind; name: string };
export type SyncCounts = { added: number; updated: number; removed: number };
export type SourceView = SourceRef & {
  url: string | null;
  username: string | null;
  lastSyncAt: number | null;
  lastError: string | null;
  lastResult: (SyncCounts & { skipped: Skipped[] }) | null;
  /** while a sync runs: what it is doing */
  syncing: boolean;
  progress: { phase: "listing" | "fetching" | "saving"; done: number; total: number } | null;
  contacts: number;
};

const NAME_MAX = 100;
export const sourceName = z
  .string({ error: "name should be a string" })
  .transform((s) => s.replace(/\s+/g, " ").trim())
  .pipe(z.string().min(1, "name should not be empty").max(NAME_MAX, `name should be at most ${NAME_MAX} characters`));

export const carddavSourceInput = z.object({
  kind: z.literal("carddav", { error: 'kind should be "carddav" (files are added with POST /contacts/import)' }),
  name: sourceName,
  url: z.string({ error: "url should be a string" }).trim().min(1, "url should not be empty").max(2048, "url is too long"),
  username: z.string({ error: "username should be a string" }).max(256, "username is too long"),
  password: z.string({ error: "password should be a string" }).max(1024, "password is too long"),
});
export type CarddavSourceInput = z.output<typeof carddavSourceInput>;

/** PATCH /contacts/sources/{id}: any of the fields POST takes, with the same rules. */
export const carddavSourcePatch = z.object({
  name: carddavSourceInput.shape.name.optional(),
  url: carddavSourceInput.shape.url.optional(),
  username: carddavSourceInput.shape.username.optional(),
  password: carddavSourceInput.shape.password.optional(),
});
export type CarddavSourcePatch = z.output<typeof carddavSourcePatch>;

export const sourceNotFound = () => new LoopError(404, errno.UNDEFINED, "Source not found.");

const LEASE_SEC = 120;
const SKIPPED_KEPT = 100;

type SourceRow = {
  id: string;
  userId: string;
  kind: string;
  name: string;
  url: string | null;
  username: string | null;
  secret: string | null;
  syncState: string | null;
  lastSyncAt: number | null;
  lastError: string | null;
  lastResult: string | null;
  progress: string | null;
  leaseUntil: number;
};

function parseJson<T>(s: string | null): T | null {
  if (!s) return null;
  try {
    return JSON.parse(s) as T;
  } catch {
    return null;
  }
}

export function viewOfSource(row: SourceRow, contacts: number): SourceView {
  const syncing = row.leaseUntil > clock.nowSec();
  return {
    id: row.id,
    kind: row.kind as SourceKind,
    name: row.name,
    url: row.url,
    username: row.username,
    lastSyncAt: row.lastSyncAt,
    lastError: row.lastError,
    lastResult: parseJson(row.lastResult),
    syncing,
    progress: syncing ? parseJson(row.progress) : null,
    contacts,
  };
}

async function counts(userId: string) {
  const groups = await db().contact.groupBy({ by: ["sourceId"], where: { userId, NOT: { sourceId: "" } }, _count: { _all: true } });
  return new Map(groups.map((g) => [g.sourceId, g._count._all]));
}

export async function listSources(userId: string): Promise<SourceView[]> {
  const [rows, n] = await Promise.all([db().contactSource.findMany({ where: { userId }, orderBy: { createdAt: "asc" } }), counts(userId)]);
  return rows.map((r) => viewOfSource(r, n.get(r.id) ?? 0));
}

export async function getSource(userId: string, id: string): Promise<SourceView> {
  const row = await db().contactSource.findFirst({ where: { id, userId } });
  if (!row) throw sourceNotFound();
  return viewOfSource(row, await db().contact.count({ where: { sourceId: id } }));
}

/** The source of each sourced contact, for contact views. */
export async function sourceRefs(userId: string): Promise<Map<string, SourceRef>> {
  const rows = await db().contactSource.findMany({ where: { userId }, select: { id: true, kind: true, name: true } });
  return new Map(rows.map((r) => [r.id, { id: r.id, kind: r.kind as SourceKind, name: r.name }]));
}

/** POST /contacts/sources: checks the URL, stores the password sealed, runs the first sync. */
export async function addCarddavSource(userId: string, input: CarddavSourceInput): Promise<SourceView> {
  const verdict = await checkSourceUrl(input.url);
  if (!verdict.ok) throw errors.invalid(`url ${verdict.reason}`);
  const id = randomUUID();
  const now = clock.nowSec();
  await db().contactSource.create({
    data: {
      id,
      userId,
      kind: "carddav",
      name: input.name,
      url: verdict.url.href,
      username: input.username,
      secret: seal(input.password, id),
      createdAt: now,
      nextSyncAt: nextSyncAt(now),
    },
  });
  await syncSource(userId, id);
  return getSource(userId, id);
}

/**
 * PATCH /contacts/sources/{id}: a new password, username, URL or name without removing the
 * source (its contacts stay). The URL passes the same guard as POST; the password is sealed
 * again and never returned. A new URL or new credentials forget the sync tokens (they belong
 * to the old address book or account) and a sync runs at once, as when the source was added:
 * a source that failed with a wrong password recovers here.
 */
export async function updateCarddavSource(userId: string, id: string, patch: CarddavSourcePatch): Promise<SourceView> {
  if (patch.name === undefined && patch.url === undefined && patch.username === undefined && patch.password === undefined) {
    throw errors.missing(["name, url, username or password"]);
  }
  const row = await db().contactSource.findFirst({ where: { id, userId }, select: { kind: true, url: true } });
  if (!row) throw sourceNotFound();
  if (row.kind !== "carddav") throw errors.invalid("Only CardDAV sources can be edited; import the file again under another name instead.");
  let url: string | undefined;
  if (patch.url !== undefined) {
    const verdict = await checkSourceUrl(patch.url);
    if (!verdict.ok) throw errors.invalid(`url ${verdict.reason}`);
    url = verdict.url.href;
  }
  const reconnect = (url !== undefined && url !== row.url) || patch.username !== undefined || patch.password !== undefined;
  const { count } = await db().contactSource.updateMany({
    where: { id, userId },
    data: {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(url !== undefined && { url }),
      ...(patch.username !== undefined && { username: patch.username }),
      ...(patch.password !== undefined && { secret: seal(patch.password, id) }),
      ...(reconnect && { syncState: null }),
    },
  });
  if (count === 0) throw sourceNotFound();
  if (reconnect) await syncSource(userId, id);
  return getSource(userId, id);
}

/** DELETE /contacts/sources/{id}: the source and every contact it brought, in one transaction. */
export async function removeSource(userId: string, id: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const { count } = await tx.contactSource.deleteMany({ where: { id, userId } });
    if (count === 0) throw sourceNotFound();
    await tx.contact.deleteMany({ where: { sourceId: id, userId } });
  });
}

/** When the scheduler should sync next: the interval, jittered ±10 % so books spread out. */
export function nextSyncAt(now = clock.nowSec()) {
  const minutes = config().contacts.syncIntervalMin;
  if (!minutes) return 2 ** 31 - 1;
  const base = minutes * 60;
  return now + Math.round(base * (0.9 + Math.random() * 0.2));
}

// ---- the lease: one sync at a time per source, across instances -------------------------

const instance = randomUUID();

async function takeLease(id: string, owner: string, onlyIfDue: boolean): Promise<boolean> {
  const now = clock.nowSec();
  const { count } = await db().contactSource.updateMany({
    // The scheduler takes it only while the source is still due: another instance that just
    // synced it has moved nextSyncAt on.
    where: { id, leaseUntil: { lt: now }, ...(onlyIfDue && { nextSyncAt: { lte: now } }) },
    data: { leaseUntil: now + LEASE_SEC, leaseOwner: owner, progress: null },
  });
  return count === 1;
}

async function renewLease(id: string, owner: string, progress: SourceView["progress"]) {
  await db().contactSource.updateMany({
    where: { id, leaseOwner: owner },
    data: { leaseUntil: clock.nowSec() + LEASE_SEC, progress: progress ? JSON.stringify(progress) : null },
  });
}

/** Progress written at most once a second (each write is a commit); the lease is renewed with it. */
function progressWriter(id: string, owner: string) {
  let last = 0;
  return async (progress: SourceView["progress"]) => {
    if (Date.now() - last < 1000) return;
    last = Date.now();
    await renewLease(id, owner, progress);
  };
}

async function releaseLease(id: string, owner: string, data: Record<string, unknown>) {
  await db().contactSource.updateMany({ where: { id, leaseOwner: owner }, data: { ...data, leaseUntil: 0, leaseOwner: null, progress: null } });
}

/**
 * Runs `work` holding the source's lease. `wait`: a sync by hand waits for a running one to
 * finish (then syncs again: the server may have changed since); the scheduler skips instead.
 */
async function withLease<T>(id: string, wait: boolean, work: (owner: string) => Promise<T>): Promise<T | null> {
  const owner = `${instance}:${randomUUID()}`;
  const deadline = Date.now() + 5 * 60_000;
  while (!(await takeLease(id, owner, !wait))) {
    if (!wait || Date.now() > deadline) return null;
    const exists = await db().contactSource.findUnique({ where: { id }, select: { id: true } });
    if (!exists) throw sourceNotFound();
    await new Promise((r) => setTimeout(r, 200));
  }
  return work(owner);
}

export type SyncAnswer = SyncCounts & { skipped: Skipped[]; lastError: string | null };

function keepSkipped(skipped: Skipped[]) {
  return skipped.slice(0, SKIPPED_KEPT);
}

/**
 * POST /contacts/sources/{id}/sync (and the scheduler). A failing sync keeps the contacts and
 * records `lastError` in words; the answer is then 0/0/0.
 */
export async function syncSource(userId: string, id: string, opts: { wait?: boolean } = {}): Promise<SyncAnswer> {
  const row = await db().contactSource.findFirst({ where: { id, userId } });
  if (!row) throw sourceNotFound();
  if (row.kind !== "carddav") throw errors.invalid("Only CardDAV sources sync; import the file again to update it.");
  const result = await withLease(id, opts.wait ?? true, (owner) => runCarddavSync(row, owner));
  if (!result) return { added: 0, updated: 0, removed: 0, skipped: [], lastError: row.lastError };
  return result;
}

async function runCarddavSync(row: SourceRow, owner: string): Promise<SyncAnswer> {
  const started = Date.now();
  const before = { ...transferStats };
  try {
    const creds: Credentials = { username: row.username ?? "", password: row.secret ? open(row.secret, row.id) : "" };
    const state = parseJson<Record<string, string | null>>(row.syncState) ?? {};
    const newState: Record<string, string | null> = {};
    await renewLease(row.id, owner, { phase: "listing", done: 0, total: 0 });
    const books = await resolveBooks(row.url ?? "", creds);
    const saving = progressWriter(row.id, owner);
    const total: ApplyResult = { added: 0, updated: 0, removed: 0, skipped: [], changedIds: [] };
    let fetched = 0;
    for (const book of books) {
      const changes = await listChanges(book, creds, state[book] ?? null);
      const known = await knownEtags(row.id);
      const wanted = changes.changed.filter((c) => known.get(c.href) !== c.etag);
      const incoming: Incoming[] = [];
      const skipped: Skipped[] = [];
      const maybeYield = cooperative();
      for (let i = 0; i < wanted.length; i += MULTIGET_BATCH) {
        await renewLease(row.id, owner, { phase: "fetching", done: i, total: wanted.length });
        const cards = await fetchCards(book, creds, wanted.slice(i, i + MULTIGET_BATCH).map((c) => c.href));
        for (const card of cards) {
          fetched++;
          const entry = fetched;
          let parsed = false;
          for (const p of readVcards(card.data)) {
            if (parsed) break; // one card per resource
            parsed = true;
            const label = card.href.split("/").pop() ?? card.href;
            if (isSkipped(p)) skipped.push({ ...p, entry, label: p.label.startsWith("#") ? label : p.label });
            else incoming.push({ key: p.uid ?? card.href, entry, name: p.name, email: p.email, phoneNumbers: p.phoneNumbers, href: card.href, etag: card.etag });
          }
          if (!parsed) skipped.push({ entry, label: card.href.split("/").pop() ?? card.href, reason: "malformed" });
          await maybeYield();
        }
      }
      const bookPath = decodeURIComponent(new URL(book).pathname);
      const applied = await applyToSource(
        row.userId,
        row.id,
        incoming,
        changes.complete
          ? { hrefs: changes.deleted, under: bookPath, hrefsNotIn: new Set(changes.changed.map((c) => c.href)) }
          : { hrefs: changes.deleted },
        skipped,
        (done, all) => saving({ phase: "saving", done, total: all }),
      );
      total.added += applied.added;
      total.updated += applied.updated;
      total.removed += applied.removed;
      total.skipped.push(...applied.skipped);
      newState[book] = changes.syncToken;
    }
    const result = { added: total.added, updated: total.updated, removed: total.removed, skipped: keepSkipped(total.skipped) };
    const now = clock.nowSec();
    await releaseLease(row.id, owner, {
      syncState: JSON.stringify(newState),
      lastSyncAt: now,
      lastError: null,
      lastResult: JSON.stringify(result),
      nextSyncAt: nextSyncAt(now),
    });
    log.info("contacts.sync", { source: row.id, ...result, skipped: total.skipped.length, books: books.length, fetched, ms: Date.now() - started, requests: transferStats.requests - before.requests, bytesIn: transferStats.bytesIn - before.bytesIn });
    return { ...result, lastError: null };
  } catch (e) {
    if (e instanceof SourceGone) throw sourceNotFound();
    const failure = describeFailure(e);
    if (!(e instanceof Error && "kind" in e)) log.warn("contacts.sync_failed", { source: row.id, error: (e as Error)?.message });
    await releaseLease(row.id, owner, { lastError: failure.message, nextSyncAt: nextSyncAt() });
    return { added: 0, updated: 0, removed: 0, skipped: [], lastError: failure.message };
  }
}

/** href → ETag of a source's contacts (read as a sync reads them: apply.ts). */
async function knownEtags(sourceId: string) {
  const known = new Map<string | null, string | null>();
  for (const c of await contactsOfSource(sourceId, cooperative())) known.set(c.href, c.etag);
  return known;
}

// ---- file sources -------------------------------------------------------------------------

/** The file source of this name (created when new): importing under the same name updates it. */
export async function fileSource(userId: string, name: string) {
  const found = await db().contactSource.findFirst({ where: { userId, kind: "file", name }, orderBy: { createdAt: "asc" } });
  if (found) return found;
  return db().contactSource.create({ data: { id: randomUUID(), userId, kind: "file", name, createdAt: clock.nowSec(), nextSyncAt: 2 ** 31 - 1 } });
}

/** Applies a parsed file to its source under the lease; records the result like a sync. */
export async function applyFile(userId: string, sourceId: string, incoming: Incoming[], skipped: Skipped[]) {
  const result = await withLease(sourceId, true, async (owner) => {
    try {
      const saving = progressWriter(sourceId, owner);
      const applied = await applyToSource(userId, sourceId, incoming, { keysNotIn: new Set(incoming.map((c) => c.key)) }, skipped, (done, all) =>
        saving({ phase: "saving", done, total: all }),
      );
      const summary = { added: applied.added, updated: applied.updated, removed: applied.removed, skipped: keepSkipped(applied.skipped) };
      await releaseLease(sourceId, owner, { lastSyncAt: clock.nowSec(), lastError: null, lastResult: JSON.stringify(summary) });
      return applied;
    } catch (e) {
      await releaseLease(sourceId, owner, {});
      if (e instanceof SourceGone) throw sourceNotFound();
      throw e;
    }
  });
  if (!result) throw new LoopError(409, errno.UNDEFINED, "This file is being imported already; try again in a moment.");
  return result;
}

// ---- the scheduler ------------------------------------------------------------------------

/**
 * One pass of scheduled syncs: CardDAV sources whose time has come, one after another (one at a
 * time per instance; the lease makes it once across instances).
 */
export async function syncDueSources(limit = 20): Promise<number> {
  if (!config().contacts.syncIntervalMin) return 0;
  const now = clock.nowSec();
  if (!(await isDue(dueSql.contactSources, now))) return 0;
  const due = await db().contactSource.findMany({
    where: { kind: "carddav", nextSyncAt: { lte: now }, leaseUntil: { lt: now } },
    select: { id: true, userId: true },
    orderBy: { nextSyncAt: "asc" },
    take: limit,
  });
  let ran = 0;
  for (const s of due) {
    try {
      const row = await db().contactSource.findFirst({ where: { id: s.id } });
      if (!row || row.nextSyncAt > clock.nowSec()) continue;
      const r = await withLease(s.id, false, (owner) => runCarddavSync(row, owner));
      if (r) ran++;
    } catch (e) {
      log.warn("contacts.scheduled_sync_failed", { source: s.id, error: (e as Error).message });
    }
  }
  return ran;
}
