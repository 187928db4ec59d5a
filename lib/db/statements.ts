import type { RoomRow } from "../rooms/room-info";
import { query } from "./sql";

/**
 * Every statement that bypasses Prisma (lib/db/sql.ts), with its parameters and row type. Only
 * the paths every request takes, and the bulk reads of an address-book sync, are here;
 * everything else stays on Prisma. Booleans come back
 * as 0/1 from SQLite and true/false from PostgreSQL: read them with `!!`.
 */

/** A room's row as the driver returns it: the wire shape's fields (RoomRow) and the media session's. */
export type RoomRecord = RoomRow & {
  expiresIn: number;
  channel: string | null;
  provider: string;
  sessionId: string | null;
  apiKey: string | null;
};

export type ParticipantRecord = {
  id: string;
  roomToken: string;
  userMac: string;
  tokenHash: string;
  displayName: string;
  clientMaxSize: number;
  account: string | null;
  owner: boolean | number;
  joinedAt: number;
  expiresAt: number;
};

export type HawkSessionRecord = {
  idHmac: string;
  authKey: string;
  userMac: string;
  userId: string | null;
  expiresAt: number;
  lastUsedAt: number;
};

const ROOM = `"token", "ownerMac", "roomOwner", "roomName", "context", "maxSize", "expiresIn", "channel", "provider", "sessionId", "apiKey", "creationTime", "updateTime", "expiresAt"`;
const PARTICIPANT = `"id", "roomToken", "userMac", "tokenHash", "displayName", "clientMaxSize", "account", "owner", "joinedAt", "expiresAt"`;
const P = PARTICIPANT.replace(/"(\w+)"/g, 'p."$1"');

export const rooms = {
  /** $1 token */
  byToken: query<RoomRecord, [string]>("room_by_token", `SELECT ${ROOM} FROM "Room" WHERE "token" = $1`),
  /** $1 token. The row a join counts against; PostgreSQL locks it for the transaction. */
  forJoin: query<{ maxSize: number; expiresAt: number }, [string]>(
    "room_for_join",
    `SELECT "maxSize", "expiresAt" FROM "Room" WHERE "token" = $1 FOR UPDATE`,
    `SELECT "maxSize", "expiresAt" FROM "Room" WHERE "token" = $1`,
  ),
  /** $1 token, $2 now, $3 new expiresAt: ctime bumped and lifetime extended, if still live. */
  touch: query<never, [string, number, number]>(
    "room_touch",
    `UPDATE "Room" SET "updateTime" = $2, "expiresAt" = $3 WHERE "token" = $1 AND "expiresAt" > $2`,
  ),
  /** $1 ownerMac, $2 now, $3 changed since (ctime ≥; 0 for all) */
  ofOwner: query<RoomRecord, [string, number, number]>(
    "rooms_of_owner",
    `SELECT ${ROOM} FROM "Room" WHERE "ownerMac" = $1 AND "expiresAt" > $2 AND "updateTime" >= $3 ORDER BY "updateTime", "creationTime"`,
  ),
  /** $1 ownerMac, $2 since, $3 now */
  tombstonesOfOwner: query<{ token: string }, [string, number, number]>(
    "tombstones_of_owner",
    `SELECT "token" FROM "RoomTombstone" WHERE "ownerMac" = $1 AND "deletedAt" >= $2 AND "expiresAt" > $3 ORDER BY "deletedAt"`,
  ),
};

export const participants = {
  /** $1 tokenHash (a guest's Basic credential) */
  byTokenHash: query<ParticipantRecord, [string]>("participant_by_token_hash", `SELECT ${PARTICIPANT} FROM "Participant" WHERE "tokenHash" = $1`),
  /** $1 roomToken, $2 now: live, in display order */
  liveOfRoom: query<ParticipantRecord, [string, number]>(
    "participants_live_of_room",
    `SELECT ${PARTICIPANT} FROM "Participant" WHERE "roomToken" = $1 AND "expiresAt" > $2 ORDER BY "joinedAt", "id"`,
  ),
  /** $1 roomToken, $2 now, $3 userMac or null: the live ones, plus that user's row even if expired */
  liveOrMine: query<ParticipantRecord, [string, number, string | null]>(
    "participants_live_or_mine",
    `SELECT ${PARTICIPANT} FROM "Participant" WHERE "roomToken" = $1 AND ("expiresAt" > $2 OR "userMac" = $3)`,
  ),
  /** $1 roomToken, $2 userMac, $3 now */
  liveByUser: query<ParticipantRecord, [string, string, number]>(
    "participant_live_by_user",
    `SELECT ${PARTICIPANT} FROM "Participant" WHERE "roomToken" = $1 AND "userMac" = $2 AND "expiresAt" > $3`,
  ),
  /** $1 id, $2 roomToken, $3 now */
  liveById: query<ParticipantRecord, [string, string, number]>(
    "participant_live_by_id",
    `SELECT ${PARTICIPANT} FROM "Participant" WHERE "id" = $1 AND "roomToken" = $2 AND "expiresAt" > $3`,
  ),
  /** $1 ownerMac, $2 now, $3 since: the live participants of the rooms `rooms.ofOwner` lists */
  liveOfOwnerRooms: query<ParticipantRecord, [string, number, number]>(
    "participants_of_owner_rooms",
    `SELECT ${P} FROM "Participant" p JOIN "Room" r ON r."token" = p."roomToken"
     WHERE r."ownerMac" = $1 AND r."expiresAt" > $2 AND r."updateTime" >= $3 AND p."expiresAt" > $2
     ORDER BY p."joinedAt", p."id"`,
  ),
  insert: query<never, [string, string, string, string, string, number, string | null, boolean, number, number]>(
    "participant_insert",
    `INSERT INTO "Participant" (${PARTICIPANT}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
  ),
  /** $1 id, then the new tokenHash, displayName, clientMaxSize, account, owner, joinedAt, expiresAt */
  rejoin: query<never, [string, string, string, number, string | null, boolean, number, number]>(
    "participant_rejoin",
    `UPDATE "Participant" SET "tokenHash" = $2, "displayName" = $3, "clientMaxSize" = $4, "account" = $5, "owner" = $6, "joinedAt" = $7, "expiresAt" = $8 WHERE "id" = $1`,
  ),
  /** $1 id, $2 now: a live participation ends */
  deleteLive: query<never, [string, number]>("participant_delete_live", `DELETE FROM "Participant" WHERE "id" = $1 AND "expiresAt" > $2`),
};

export const hawkSessions = {
  /** $1 idHmac */
  byIdHmac: query<HawkSessionRecord, [string]>(
    "hawk_session_by_id",
    `SELECT "idHmac", "authKey", "userMac", "userId", "expiresAt", "lastUsedAt" FROM "HawkSession" WHERE "idHmac" = $1`,
  ),
  /** $1 idHmac, $2 now, $3 new expiresAt */
  touch: query<never, [string, number, number]>(
    "hawk_session_touch",
    `UPDATE "HawkSession" SET "lastUsedAt" = $2, "expiresAt" = $3 WHERE "idHmac" = $1`,
  ),
  /** idHmac, authKey, userMac, userId, label, createdAt (= lastUsedAt), expiresAt */
  insert: query<never, [string, string, string, string | null, string | null, number, number]>(
    "hawk_session_insert",
    `INSERT INTO "HawkSession" ("idHmac", "authKey", "userMac", "userId", "label", "createdAt", "lastUsedAt", "expiresAt") VALUES ($1, $2, $3, $4, $5, $6, $6, $7)`,
  ),
};

export const pushUrls = {
  /** $1 userMac, $2 topic: where a wake-up goes (every join and leave asks) */
  ofUserTopic: query<{ id: number; url: string }, [string, string]>(
    "push_urls_of_user_topic",
    `SELECT "id", "url" FROM "PushUrl" WHERE "userMac" = $1 AND "topic" = $2`,
  ),
};

/** A contact of a source as a sync compares it (lib/contacts/apply.ts). */
export type SourceContactRecord = {
  id: string;
  sourceKey: string | null;
  email: string | null;
  phoneNumbers: string;
  name: string;
  href: string | null;
  etag: string | null;
};

const SOURCE_CONTACT = `"id", "sourceKey", "email", "phoneNumbers", "name", "href", "etag"`;

export const sourceContacts = {
  /**
   * $1 sourceId, $2 the last key of the previous page ("" for the first), $3 page size: a
   * source's contacts in key order, read along the (sourceId, sourceKey) index (keyset pages:
   * each page costs the same however deep into a 20,000-card book it is).
   */
  page: query<SourceContactRecord, [string, string, number]>(
    "source_contacts_page",
    `SELECT ${SOURCE_CONTACT} FROM "Contact" WHERE "sourceId" = $1 AND "sourceKey" > $2 ORDER BY "sourceKey" LIMIT $3`,
  ),
  /** $1 sourceId: its contacts without a key (none are written so; read so that none is missed). */
  unkeyed: query<SourceContactRecord, [string]>(
    "source_contacts_unkeyed",
    `SELECT ${SOURCE_CONTACT} FROM "Contact" WHERE "sourceId" = $1 AND "sourceKey" IS NULL`,
  ),
};

/**
 * "Is there anything to do?" for each background sweeper (lib/server-start.ts): one indexed
 * probe on the driver, so an idle server's timers never reach Prisma. Prisma's first query
 * loads its WebAssembly query compiler (~27 MB resident), which an idle server otherwise
 * carried from its first second on (docs/performance.md "Idle memory"). Each takes $1 = the
 * bound the sweeper itself uses and returns a row when at least one row is past it.
 */
function dueWhen(name: string, table: string, where: string, sqliteWhere = where) {
  return query<{ due: number }, [number]>(
    `due_${name}`,
    `SELECT 1 AS "due" FROM "${table}" WHERE ${where} LIMIT 1`,
    `SELECT 1 AS "due" FROM "${table}" WHERE ${sqliteWhere} LIMIT 1`,
  );
}

/**
 * Call's instants are DateTime: milliseconds in SQLite (timestampFormat unixepoch-ms), UTC
 * `timestamp(3)` in PostgreSQL. $1 is in milliseconds for both.
 */
const PG_MS = `(to_timestamp($1::double precision / 1000) AT TIME ZONE 'UTC')`;

export const due = {
  /** $1 now (ms): a call-progress timer has come due (lib/calls/progress.ts fireDueTimers) */
  callTimers: dueWhen("call_timers", "Call", `"timerAt" <= ${PG_MS}`, `"timerAt" <= $1`),
  /** $1 now (ms): a call has outlived its record (sweepCalls: ends it, or deletes an ended one) */
  calls: dueWhen("calls", "Call", `"expiresAt" <= ${PG_MS}`, `"expiresAt" <= $1`),
  /** $1 now (s) */
  callUrls: dueWhen("call_urls", "CallUrl", `"expiresAt" <= $1`),
  /** $1 now (s) */
  participants: dueWhen("participants", "Participant", `"expiresAt" <= $1`),
  /** $1 now (s) */
  rooms: dueWhen("rooms", "Room", `"expiresAt" <= $1`),
  /** $1 now (s) */
  roomTombstones: dueWhen("room_tombstones", "RoomTombstone", `"expiresAt" <= $1`),
  /** $1 now (s) */
  hawkSessions: dueWhen("hawk_sessions", "HawkSession", `"expiresAt" <= $1`),
  /** $1 now (s) */
  revokedWebSessions: dueWhen("revoked_web_sessions", "RevokedWebSession", `"expiresAt" <= $1`),
  /** $1 cut-off (s): spent e-mail links */
  emailVerifications: dueWhen("email_verifications", "EmailVerification", `"expiresAt" < $1`),
  /** $1 cut-off (s): spent phone codes */
  phoneCodes: dueWhen("phone_codes", "PhoneCode", `"expiresAt" < $1`),
  /** $1 now (s): an address book whose scheduled sync is due and not leased */
  contactSources: dueWhen("contact_sources", "ContactSource", `"kind" = 'carddav' AND "nextSyncAt" <= $1 AND "leaseUntil" < $1`),
};

/** The storage probe of `GET /__heartbeat__`. */
export const storageProbe = query<{ ok: number }, []>("storage_probe", `SELECT 1 AS "ok"`);
