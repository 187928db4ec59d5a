import { config } from "../config";
import { decryptAccountName } from "./account-name";

/** The wire shapes of a room (ref §2.6 "Room info object"). */

export type RoomRow = {
  token: string;
  ownerMac: string;
  roomOwner: string;
  roomName: string | null;
  context: string | null;
  maxSize: number;
  creationTime: number;
  updateTime: number;
  expiresAt: number;
};

export type ParticipantRow = {
  id: string;
  displayName: string;
  clientMaxSize: number;
  account: string | null;
  owner: boolean;
};

export function roomUrl(token: string) {
  return `${config().publicUrl}/${token}`;
}

function context(row: RoomRow) {
  return row.context ? (JSON.parse(row.context) as unknown) : undefined;
}

/** What anyone holding the link may read before joining (bug 1103331). */
export function publicRoomInfo(row: RoomRow) {
  return {
    roomToken: row.token,
    roomName: row.roomName ?? undefined,
    context: context(row),
    roomOwner: row.roomOwner,
    roomUrl: roomUrl(row.token),
  };
}

/**
 * The full object, for the owner and the room's current participants. A participant's
 * `account` (its signed-in identity) goes to the owner only (contract §3 Δ): other
 * participants learn display names, not addresses.
 */
export function fullRoomInfo(row: RoomRow, participants: ParticipantRow[], forOwner: boolean) {
  return {
    roomToken: row.token,
    roomUrl: roomUrl(row.token),
    roomName: row.roomName ?? undefined,
    context: context(row),
    roomOwner: row.roomOwner,
    maxSize: row.maxSize,
    // min(room maxSize, every current participant's clientMaxSize)
    clientMaxSize: participants.reduce((m, p) => Math.min(m, p.clientMaxSize), row.maxSize),
    creationTime: row.creationTime,
    expiresAt: row.expiresAt,
    ctime: row.updateTime,
    participants: participants.map((p) => ({
      roomConnectionId: p.id,
      displayName: p.displayName,
      ...(forOwner ? { account: decryptAccountName(row.token, p.account) } : {}),
      owner: p.owner,
    })),
  };
}
