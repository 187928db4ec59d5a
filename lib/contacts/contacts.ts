import { config } from "../config";
import { capReached } from "../limits";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Caller } from "../auth/caller";
import { db } from "../db";
import { errno, errors, LoopError } from "../http/errors";
import { contactEmail, contactName } from "./fields";
import { sourceRefs, type SourceRef } from "./sources";

/**
 * The owner's address book (the seed's contacts): a list of people they can call directly.
 * Contacts hang off the User row, so they go when the account goes (cascade).
 */
export const MAX_CONTACTS = 5000;

export const contactInput = z.object({ name: contactName, email: contactEmail });
export const contactPatch = z
  .object({ name: contactName.optional(), email: contactEmail.optional() })
  .refine((p) => p.name !== undefined || p.email !== undefined, "Send name, email or both.");

export type ContactInput = z.output<typeof contactInput>;
export type ContactPatch = z.output<typeof contactPatch>;

/**
 * What the API returns; times in unix seconds like every Loop time. `source` is where a synced
 * contact comes from (contract §10), `null` for one made by hand.
 */
export type ContactView = { id: string; name: string; email: string; createdAt: number; source: SourceRef | null };

type ContactRow = { id: string; name: string; email: string; createdAt: Date; sourceId?: string };

export function viewOf(row: ContactRow, source: SourceRef | null = null): ContactView {
  return { id: row.id, name: row.name, email: row.email, createdAt: Math.floor(row.createdAt.getTime() / 1000), source };
}

const select = { id: true, name: true, email: true, createdAt: true, sourceId: true } as const;

/** A synced contact is changed only by its source (the seed's one-way sync): 403 / 999 naming it. */
async function refuseIfSynced(userId: string, id: string) {
  const row = await db().contact.findFirst({ where: { id, userId }, select: { sourceId: true } });
  if (!row) throw notFound();
  if (!row.sourceId) return;
  const source = await db().contactSource.findFirst({ where: { id: row.sourceId }, select: { name: true } });
  throw errors.forbidden(
    `This contact comes from the source “${source?.name ?? "unknown"}” and can only be changed there.`,
    errno.UNDEFINED,
  );
}

/** Only signed-in people have an address book: a web user, or a Hawk session bound to one. */
export function contactOwnerId(caller: Caller): string {
  if (caller.kind === "web") return caller.userId;
  if (caller.kind === "hawk" && caller.userId) return caller.userId;
  throw errors.registeredOnly();
}

export const duplicateContact = () =>
  new LoopError(409, errno.INVALID_PARAMETERS, "A contact with this email address already exists.");

const notFound = () => errors.tokenNotFound("Contact not found.");
// A cap answers 429 / 116 like every limit (contract §1 "Limits"); CONTACTS_MAX_PER_USER.
const tooMany = () => capReached("contacts", config().caps.contactsPerUser);

export function isUniqueViolation(e: unknown) {
  return typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";
}

/** Sorted as a person reads a list: by name, case- and accent-insensitively, then email. */
export function byName(a: ContactView, b: ContactView) {
  return a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || a.email.localeCompare(b.email);
}

export async function listContacts(userId: string): Promise<ContactView[]> {
  const [rows, sources] = await Promise.all([db().contact.findMany({ where: { userId }, select }), sourceRefs(userId)]);
  return rows.map((r) => viewOf(r, sources.get(r.sourceId) ?? null)).sort(byName);
}

export async function addContact(userId: string, input: ContactInput): Promise<ContactView> {
  try {
    const row = await db().$transaction(async (tx) => {
      const count = await tx.contact.count({ where: { userId } });
      if (count >= config().caps.contactsPerUser) throw tooMany();
      return tx.contact.create({
        data: { id: randomUUID(), userId, name: input.name, email: input.email },
        select,
      });
    });
    return viewOf(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateContact();
    throw e;
  }
}

export async function updateContact(userId: string, id: string, patch: ContactPatch): Promise<ContactView> {
  await refuseIfSynced(userId, id);
  try {
    // updateMany scoped by owner: someone else's contact id is "not found", never "forbidden",
    // so ids cannot be probed.
    const row = await db().$transaction(async (tx) => {
      const { count } = await tx.contact.updateMany({
        where: { id, userId, sourceId: "" },
        data: { ...(patch.name !== undefined && { name: patch.name }), ...(patch.email !== undefined && { email: patch.email }) },
      });
      if (count === 0) throw notFound();
      return tx.contact.findUniqueOrThrow({ where: { id }, select });
    });
    return viewOf(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateContact();
    throw e;
  }
}

export async function removeContact(userId: string, id: string): Promise<void> {
  await refuseIfSynced(userId, id);
  const { count } = await db().contact.deleteMany({ where: { id, userId, sourceId: "" } });
  if (count === 0) throw notFound();
}
