import { config } from "../config";
import { capReached } from "../limits";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Caller } from "../auth/caller";
import { db } from "../db";
import { errno, errors, LoopError } from "../http/errors";
import { contactEmail, contactName } from "./fields";

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

/** What the API returns; times in unix seconds like every Loop time. */
export type ContactView = { id: string; name: string; email: string; createdAt: number };

type ContactRow = { id: string; name: string; email: string; createdAt: Date };

export function viewOf(row: ContactRow): ContactView {
  return { id: row.id, name: row.name, email: row.email, createdAt: Math.floor(row.createdAt.getTime() / 1000) };
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
  const rows = await db().contact.findMany({
    where: { userId },
    select: { id: true, name: true, email: true, createdAt: true },
  });
  return rows.map(viewOf).sort(byName);
}

export async function addContact(userId: string, input: ContactInput): Promise<ContactView> {
  try {
    const row = await db().$transaction(async (tx) => {
      const count = await tx.contact.count({ where: { userId } });
      if (count >= config().caps.contactsPerUser) throw tooMany();
      return tx.contact.create({
        data: { id: randomUUID(), userId, name: input.name, email: input.email },
        select: { id: true, name: true, email: true, createdAt: true },
      });
    });
    return viewOf(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateContact();
    throw e;
  }
}

export async function updateContact(userId: string, id: string, patch: ContactPatch): Promise<ContactView> {
  try {
    // updateMany scoped by owner: someone else's contact id is "not found", never "forbidden",
    // so ids cannot be probed.
    const row = await db().$transaction(async (tx) => {
      const { count } = await tx.contact.updateMany({
        where: { id, userId },
        data: { ...(patch.name !== undefined && { name: patch.name }), ...(patch.email !== undefined && { email: patch.email }) },
      });
      if (count === 0) throw notFound();
      return tx.contact.findUniqueOrThrow({ where: { id }, select: { id: true, name: true, email: true, createdAt: true } });
    });
    return viewOf(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateContact();
    throw e;
  }
}

export async function removeContact(userId: string, id: string): Promise<void> {
  const { count } = await db().contact.deleteMany({ where: { id, userId } });
  if (count === 0) throw notFound();
}
