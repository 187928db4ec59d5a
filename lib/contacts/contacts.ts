import { config } from "../config";
import { capReached } from "../limits";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Caller } from "../auth/caller";
import { db } from "../db";
import { errno, errors, LoopError } from "../http/errors";
import { contactEmail, contactName, contactPhones } from "./fields";
import { sourceRefs, type SourceRef } from "./sources";

/**
 * The owner's address book (the seed's contacts): a list of people they can call directly.
 * Contacts hang off the User row, so they go when the account goes (cascade).
 */

/**
 * A contact has a name and an e-mail address, phone numbers (E.164), or both: `email` may be
 * left out (or null) when `phoneNumbers` holds at least one number.
 */
export const contactInput = z.object({ name: contactName, email: contactEmail.nullish(), phoneNumbers: contactPhones.optional() });
export const contactPatch = z
  .object({ name: contactName.optional(), email: contactEmail.nullable().optional(), phoneNumbers: contactPhones.optional() })
  .refine((p) => p.name !== undefined || p.email !== undefined || p.phoneNumbers !== undefined, "Send name, email, phoneNumbers or some of them.");

export type ContactInput = z.output<typeof contactInput>;
export type ContactPatch = z.output<typeof contactPatch>;

/**
 * What the API returns; times in unix seconds like every Loop time. `source` is where a synced
 * contact comes from (contract §10), `null` for one made by hand.
 */
export type ContactView = {
  id: string;
  name: string;
  /** null for a contact known only by phone number */
  email: string | null;
  /** E.164 numbers, possibly none */
  phoneNumbers: string[];
  createdAt: number;
  source: SourceRef | null;
};

type ContactRow = { id: string; name: string; email: string | null; phoneNumbers: string; createdAt: Date; sourceId?: string };

/** The stored JSON list of numbers; anything unreadable reads as none. */
export function phonesOf(stored: string | null | undefined): string[] {
  if (!stored) return [];
  try {
    const v: unknown = JSON.parse(stored);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export function viewOf(row: ContactRow, source: SourceRef | null = null): ContactView {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phoneNumbers: phonesOf(row.phoneNumbers),
    createdAt: Math.floor(row.createdAt.getTime() / 1000),
    source,
  };
}

export const contactSelect = { id: true, name: true, email: true, phoneNumbers: true, createdAt: true, sourceId: true } as const;
const select = contactSelect;

/** No e-mail and no number: nothing to reach the person by (400 / 108, like a missing field). */
const noAddress = () => errors.missing(["email or phoneNumbers"]);

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
  return (
    a.name.localeCompare(b.name, "en", { sensitivity: "base" }) ||
    (a.email ?? "").localeCompare(b.email ?? "") ||
    (a.phoneNumbers[0] ?? "").localeCompare(b.phoneNumbers[0] ?? "")
  );
}

export async function listContacts(userId: string): Promise<ContactView[]> {
  const [rows, sources] = await Promise.all([db().contact.findMany({ where: { userId }, select }), sourceRefs(userId)]);
  return rows.map((r) => viewOf(r, sources.get(r.sourceId) ?? null)).sort(byName);
}

export async function addContact(userId: string, input: ContactInput): Promise<ContactView> {
  const phones = input.phoneNumbers ?? [];
  if (!input.email && phones.length === 0) throw noAddress();
  try {
    const row = await db().$transaction(async (tx) => {
      const count = await tx.contact.count({ where: { userId } });
      if (count >= config().caps.contactsPerUser) throw tooMany();
      return tx.contact.create({
        data: { id: randomUUID(), userId, name: input.name, email: input.email ?? null, phoneNumbers: JSON.stringify(phones) },
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
        data: {
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.email !== undefined && { email: patch.email }),
          ...(patch.phoneNumbers !== undefined && { phoneNumbers: JSON.stringify(patch.phoneNumbers) }),
        },
      });
      if (count === 0) throw notFound();
      const row = await tx.contact.findUniqueOrThrow({ where: { id }, select });
      // The change would leave nobody to call: refused, and the transaction rolls it back.
      if (!row.email && phonesOf(row.phoneNumbers).length === 0) throw noAddress();
      return row;
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
