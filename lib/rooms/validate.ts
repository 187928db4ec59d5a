import { z } from "zod";
import { config } from "../config";
import { limits, LOOP_TOKEN } from "../protocol";

/**
 * The input rules of the rooms API (ref §2.6 `validateRoomParams`, contract §3). Absent
 * required fields become 400 / 108 "Missing: …" in the HTTP wrapper, anything else 400 / 107;
 * custom issues carry a full sentence (empty path) so the wrapper uses it as is.
 */

/** Room tokens: ours are 22 chars, the original's 11; anything else is an unknown token. */
export const ROOM_TOKEN = LOOP_TOKEN;

export const roomTokenParams = z.object({ token: z.string() });

type Ctx = z.RefinementCtx;
const fail = (ctx: Ctx, message: string) => ctx.addIssue({ code: "custom", path: [], message });

export type RoomContext = { value: string; alg: string; wrappedKey: string };

/** `context` is opaque to us, but must have the shape clients decrypt, and a bounded size. */
function checkContext(ctx: Ctx, context: unknown) {
  if (context === null || typeof context !== "object" || Array.isArray(context)) {
    return fail(ctx, "context should be an object with value, alg and wrappedKey");
  }
  const c = context as Record<string, unknown>;
  for (const k of ["value", "alg", "wrappedKey"]) {
    if (typeof c[k] !== "string" || !(c[k] as string).length) return fail(ctx, `context.${k} should be a non-empty string`);
  }
  if (Buffer.byteLength(JSON.stringify(context)) > limits.rooms.maxContextBytes) {
    fail(ctx, `context should be at most ${limits.rooms.maxContextBytes} bytes`);
  }
}

const hours = z.coerce
  .number({ error: "expiresIn should be a number of hours" })
  .int("expiresIn should be a whole number of hours")
  .min(1, "expiresIn should be at least 1 hour")
  .max(limits.rooms.maxTtlHours, `expiresIn cannot be greater than ${limits.rooms.maxTtlHours} hours`);

const maxSize = z.coerce
  .number({ error: "maxSize should be a number" })
  .int("maxSize should be a whole number")
  .min(2, "maxSize should be at least 2");

const fields = {
  roomName: z.string({ error: "roomName should be a string" }).max(limits.rooms.maxRoomNameSize, `roomName should be at most ${limits.rooms.maxRoomNameSize} characters`),
  roomOwner: z.string({ error: "roomOwner should be a string" }).max(limits.rooms.maxRoomOwnerSize, `roomOwner should be at most ${limits.rooms.maxRoomOwnerSize} characters`),
  context: z.unknown(),
  maxSize,
  expiresIn: hours,
  channel: z.string({ error: "channel should be a string" }).max(limits.rooms.maxChannelSize, `channel should be at most ${limits.rooms.maxChannelSize} characters`),
};

/** Rules shared by create and change; runs even when a field already failed its own check. */
function roomRules(v: unknown, ctx: Ctx, creating: boolean) {
  if (!v || typeof v !== "object") return;
  const r = v as Record<string, unknown>;
  if (r.context !== undefined && r.roomName !== undefined) {
    return fail(ctx, "roomName has been deprecated in favor of context; send only one of them");
  }
  if (creating && r.context === undefined && r.roomName === undefined) {
    // An absent-field issue, so the wrapper answers 108 "Missing: roomName" with the others.
    ctx.addIssue({ code: "invalid_type", expected: "string", path: ["roomName"], message: "Missing: roomName" });
    return;
  }
  if (r.context !== undefined) checkContext(ctx, r.context);
  if (typeof r.maxSize === "number" || typeof r.maxSize === "string") {
    const n = Number(r.maxSize);
    if (Number.isFinite(n) && n > config().rooms.maxSize) fail(ctx, `maxSize cannot be greater than ${config().rooms.maxSize}`);
  }
}

export const createRoomInput = z
  .object({
    roomName: fields.roomName.optional(),
    roomOwner: fields.roomOwner,
    context: fields.context.optional(),
    maxSize: fields.maxSize,
    expiresIn: fields.expiresIn.optional(),
    channel: fields.channel.optional(),
  })
  .superRefine((v, ctx) => roomRules(v, ctx, true), { when: () => true });
export type CreateRoomInput = z.output<typeof createRoomInput>;

export const updateRoomInput = z
  .object({
    roomName: fields.roomName.optional(),
    roomOwner: fields.roomOwner.optional(),
    context: fields.context.optional(),
    maxSize: fields.maxSize.optional(),
    expiresIn: fields.expiresIn.optional(),
    channel: fields.channel.optional(),
  })
  .superRefine((v, ctx) => roomRules(v, ctx, false), { when: () => true });
export type UpdateRoomInput = z.output<typeof updateRoomInput>;

export const bulkDeleteInput = z.object({
  deleteRoomTokens: z
    .array(z.string({ error: "deleteRoomTokens should be a list of room tokens" }), {
      error: "deleteRoomTokens should be a list of room tokens",
    })
    .min(1, "deleteRoomTokens should not be empty")
    .max(500, "deleteRoomTokens should have at most 500 tokens"),
});

export const listRoomsQuery = z.object({
  // Versions are unix seconds in a 32-bit column: larger values never reach the database.
  version: z.coerce
    .number({ error: "version should be a number" })
    .int()
    .min(0)
    .max(2_147_483_647, "version should be at most 2147483647")
    .optional(),
});

export const ROOM_ACTIONS = ["join", "refresh", "status", "leave", "logDomain"] as const;
export type RoomAction = (typeof ROOM_ACTIONS)[number];

export const roomActionInput = z.looseObject({
  // A string first, so an absent action is 108 "Missing: action" and a wrong one 107.
  action: z.string().pipe(z.enum(ROOM_ACTIONS, { error: "action should be one of join, refresh, status, leave, logDomain" })),
});

export const joinInput = z.object({
  displayName: z
    .string({ error: "displayName should be a string" })
    .trim()
    .min(1, "displayName should not be empty")
    .max(255, "displayName should be at most 255 characters"),
  clientMaxSize: z.coerce
    .number({ error: "clientMaxSize should be a number" })
    .int("clientMaxSize should be a whole number")
    .min(1, "clientMaxSize should be at least 1")
    .max(1000, "clientMaxSize should be at most 1000"),
});
export type JoinInput = z.output<typeof joinInput>;

/** `status` (ref §2.6): every field missing is 107 with the original's sentence, not 108. */
const STATUS_FIELDS = ["event", "state", "connections", "sendStreams", "recvStreams"] as const;
const COUNTERS = ["connections", "sendStreams", "recvStreams"] as const;

export const statusInput = z
  .looseObject({})
  .superRefine((v, ctx) => {
    for (const f of STATUS_FIELDS) if (v[f] === undefined || v[f] === null) return fail(ctx, `'${f}' field is missing in body.`);
    for (const f of ["event", "state"] as const) {
      if (typeof v[f] !== "string" || (v[f] as string).length > 100) return fail(ctx, `Invalid ${f}.`);
    }
    for (const f of COUNTERS) {
      const raw = v[f];
      const n = typeof raw === "number" ? raw : typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isInteger(n) || n < 0) return fail(ctx, `Invalid ${f} number.`);
    }
  })
  .transform((v) => ({
    event: v.event as string,
    state: v.state as string,
    connections: Number(v.connections),
    sendStreams: Number(v.sendStreams),
    recvStreams: Number(v.recvStreams),
  }));
export type StatusInput = z.output<typeof statusInput>;

export const logDomainInput = z
  .looseObject({ domains: z.array(z.unknown(), { error: "domains should be a list" }).max(100, "domains should have at most 100 entries") })
  .superRefine((v, ctx) => {
    for (const d of v.domains ?? []) {
      const e = d as Record<string, unknown> | null;
      if (!e || typeof e !== "object" || typeof e.domain !== "string" || e.count === undefined || !Number.isFinite(Number(e.count))) {
        return fail(ctx, "domains entries should have a domain and a count");
      }
    }
  })
  .transform((v) => ({
    domains: (v.domains as { domain: string; count: unknown }[]).map((d) => ({ domain: d.domain.slice(0, 255), count: Number(d.count) })),
  }));
export type LogDomainInput = z.output<typeof logDomainInput>;
