import { z } from "zod";
import { normaliseMsisdn } from "../identity/numbers";

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

/**
 * Phone numbers are kept in E.164 (`+33612345678`), the form POST /calls and verified identities
 * use, so a contact's number matches someone's identity exactly. A number is normalised with
 * libphonenumber-js (lib/identity/numbers.ts): it must be in international form (a leading `+`,
 * or `00`) — an address book has no country to read a national number against, so numbers that
 * cannot be normalised are dropped from imports and syncs, and refused (400 / 107) by the API.
 */
export const PHONES_MAX = 10;

export function normalizePhone(raw: string): string | null {
  let s = raw.trim().replace(/^tel:/i, "");
  // RFC 3966 parameters (";ext=12", ";phone-context=…") and vCard visual separators.
  s = s.split(";")[0].replace(/[\s\u00a0./()-]+/g, " ").trim();
  if (s.startsWith("00")) s = `+${s.slice(2)}`;
  return normaliseMsisdn(s);
}

/** The distinct normalised numbers of a list of raw ones, at most PHONES_MAX, in order. */
export function normalizePhones(raws: string[]): string[] {
  const out: string[] = [];
  for (const r of raws) {
    const n = normalizePhone(r);
    if (n && !out.includes(n)) out.push(n);
    if (out.length >= PHONES_MAX) break;
  }
  return out;
}

export const contactPhones = z
  .array(
    z
      .string({ error: "phoneNumbers should be a list of phone numbers" })
      .max(64, "phone number is too long")
      .transform((s, ctx) => {
        const n = normalizePhone(s);
        if (!n) {
          ctx.addIssue({ code: "custom", message: "phoneNumbers should hold phone numbers in international form (+ and country code)" });
          return z.NEVER;
        }
        return n;
      }),
    { error: "phoneNumbers should be a list of phone numbers" },
  )
  .max(PHONES_MAX, `phoneNumbers should hold at most ${PHONES_MAX} numbers`)
  .transform((list) => [...new Set(list)]);
