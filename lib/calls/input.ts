import { z } from "zod";
import { limits } from "../protocol";

/** Request bodies and queries of /calls (ref §2.5 validators, same messages). */

const MAX_SUBJECT = limits.calls.maxSubjectSize;
const MAX_CALLEES = 20;

const CALL_TYPE_MSG = "callType should be 'audio' or 'audio-video'";
// A string first, so that an absent callType is reported as missing (108), not invalid.
const callType = z.string({ error: CALL_TYPE_MSG }).pipe(z.enum(["audio", "audio-video"], { error: CALL_TYPE_MSG }));

const subject = z
  .string({ error: "subject should be a string" })
  .max(MAX_SUBJECT, `subject should be shorter than ${MAX_SUBJECT} characters`)
  .optional();

/** `channel` names the original's TokBox key set; accepted and ignored (one provider here). */
const channel = z.string().max(64).optional();

export const linkCallBody = z.object({ callType, subject, channel });

const identity = z.string().trim().min(1, "calleeId should not be empty").max(255, "calleeId is too long");

/** One identity, or a list: always a list after parsing (the original took either). */
const calleeIds = z.preprocess(
  (v) => (typeof v === "string" || (v !== null && typeof v === "object" && !Array.isArray(v)) ? [v] : v),
  z
    .array(
      // E-mails, E.164 numbers, or the original's phone objects ({phoneNumber, mcc}); an item
      // nobody holds is skipped (contract §9).
      z.union([identity, z.object({}).loose()], { error: "calleeId should list identities" }),
      { error: "calleeId should be an identity or a list of identities" },
    )
    .min(1, "calleeId should not be empty")
    .max(MAX_CALLEES, `calleeId should list at most ${MAX_CALLEES} identities`),
);

export const directCallBody = z.object({ calleeId: calleeIds, callType, subject, channel });

export const callsListQuery = z.object({ version: z.string({ error: "version is required" }) });

export const callIdParams = z.object({ callId: z.string() });
export const callTokenParams = z.object({ token: z.string() });
