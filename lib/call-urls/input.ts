import { z } from "zod";
import { limits } from "../protocol";

/**
 * Request bodies of /call-url (contract §3). The seed's names are aliases: `remote_id` for
 * `callerId`, `valid_duration` (hours, like `expiresIn`) for `expiresIn`; the contract's name
 * wins when both are sent. Numbers may arrive as strings (urlencoded forms), as the original
 * parsed them with parseInt.
 */

const MAX_NAME = limits.callUrls.maxNameSize;
const MAX_HOURS = limits.callUrls.maxTtlHours;
const MAX_SUBJECT = limits.calls.maxSubjectSize;

function withAliases(raw: unknown) {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const b = { ...(raw as Record<string, unknown>) };
  if (b.callerId === undefined && b.remote_id !== undefined) b.callerId = b.remote_id;
  if (b.expiresIn === undefined && b.valid_duration !== undefined) b.expiresIn = b.valid_duration;
  return b;
}

const expiresIn = z.preprocess(
  (v) => (typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
  z
    .number({ error: "expiresIn should be a valid number" })
    .int("expiresIn should be a valid number")
    .min(1, "expiresIn should be at least 1")
    .max(MAX_HOURS, `expiresIn should be less than ${MAX_HOURS}`),
);

const text = (field: string, max: number) =>
  z.string({ error: `${field} should be a string` }).max(max, `${field} should be shorter than ${max} characters`);

const fields = {
  callerId: text("callerId", MAX_NAME).trim().min(1, "callerId should not be empty"),
  expiresIn: expiresIn.optional(),
  issuer: text("issuer", MAX_NAME).optional(),
  subject: text("subject", MAX_SUBJECT).optional(),
};

export const createCallUrlBody = z.preprocess(withAliases, z.object(fields));

export const updateCallUrlBody = z.preprocess(
  withAliases,
  z.object({ ...fields, callerId: fields.callerId.optional() }),
);

export const callTokenParams = z.object({ token: z.string() });
