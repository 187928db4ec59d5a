import { z } from "zod";

/**
 * Field rules shared by the contact form, the API and the importers, so a contact that the
 * importer accepts is exactly one the form would accept.
 */
export const NAME_MAX = 100;
export const EMAIL_MAX = 254;

/** Emails are kept lowercased: identities are case-insensitive (ref §1.3), so is the address book. */
export function normalizeEmail(raw: string) {
  return raw.trim().replace(/^mailto:/i, "").toLowerCase();
}

/** Names: trimmed, inner whitespace (including newlines from a vCard) collapsed to one space. */
export function normalizeName(raw: string) {
  return raw.replace(/\s+/g, " ").trim();
}

const emailCheck = z.email();

export function isEmail(value: string) {
  return value.length <= EMAIL_MAX && emailCheck.safeParse(value).success;
}

export const contactName = z
  .string({ error: "name should be a string" })
  .transform(normalizeName)
  .pipe(
    z
      .string()
      .min(1, "name should not be empty")
      .max(NAME_MAX, `name should be at most ${NAME_MAX} characters`),
  );

export const contactEmail = z
  .string({ error: "email should be a string" })
  .transform(normalizeEmail)
  .refine(isEmail, "email should be a valid email address");
