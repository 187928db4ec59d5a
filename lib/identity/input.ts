import { z } from "zod";

/** Request bodies of /msisdn (contract §9); the number's validity is checked in lib/identity/phone.ts. */
const msisdn = z.string({ error: "msisdn should be a string" }).max(32, "msisdn is too long");

export const registerBody = z.object({ msisdn });
export const verifyBody = z.object({ msisdn, code: z.string({ error: "code should be a string" }).max(12, "code is too long") });
export const msisdnParams = z.object({ msisdn: z.string() });
