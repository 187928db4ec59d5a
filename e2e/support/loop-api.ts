import { LoopClient } from "../../tests/support/loop-client";
import { encryptRoomContext, generateRoomKey } from "../../lib/client/room/room-crypto";

/**
 * Test set-up through the real API, as an owner's client would: a Hawk session, a room with
 * an encrypted context (the key only in the link), and owner actions.
 */
export type TestRoom = { token: string; key: string; url: string; link: string; owner: LoopClient };

export async function newOwner(baseURL: string) {
  const owner = new LoopClient(baseURL);
  await owner.register();
  return owner;
}

export async function createRoom(
  baseURL: string,
  opts: { roomName?: string; description?: string; maxSize?: number; roomOwner?: string; owner?: LoopClient } = {},
): Promise<TestRoom> {
  const owner = opts.owner ?? (await newOwner(baseURL));
  const key = await generateRoomKey();
  const context = await encryptRoomContext(
    key,
    { roomName: opts.roomName ?? "Test room", ...(opts.description ? { description: opts.description } : {}) },
    "wrapped-key-placeholder",
  );
  const r = await owner.post("/rooms", { context, roomOwner: opts.roomOwner ?? "Ada", maxSize: opts.maxSize ?? 5 });
  if (r.status !== 201) throw new Error(`POST /rooms failed: ${r.status} ${r.text}`);
  const token: string = r.body.roomToken;
  return { token, key, url: r.body.roomUrl, link: `/${token}#${key}`, owner };
}

/** The room as its owner sees it (participants included). */
export async function roomParticipants(room: TestRoom): Promise<{ displayName: string; owner: boolean }[]> {
  const r = await room.owner.get(`/rooms/${room.token}`);
  if (r.status !== 200) throw new Error(`GET /rooms/${room.token} failed: ${r.status} ${r.text}`);
  return r.body.participants;
}

/** The owner takes their seat through the API (no media): enough for capacity tests. */
export async function ownerJoins(room: TestRoom, displayName = "Owner") {
  const r = await room.owner.post(`/rooms/${room.token}`, { action: "join", displayName, clientMaxSize: 5 });
  if (r.status !== 200) throw new Error(`owner join failed: ${r.status} ${r.text}`);
  return r.body;
}

/** A room created by a signed-in web user (their session cookie rides on `request`). */
export async function createRoomAsWebUser(
  request: import("@playwright/test").APIRequestContext,
  baseURL: string,
  opts: { roomName: string; description?: string; roomOwner: string; maxSize?: number },
) {
  const key = await generateRoomKey();
  const context = await encryptRoomContext(
    key,
    { roomName: opts.roomName, ...(opts.description ? { description: opts.description } : {}) },
    "wrapped-key-placeholder",
  );
  const r = await request.post("/rooms", {
    headers: { Origin: baseURL },
    data: { context, roomOwner: opts.roomOwner, maxSize: opts.maxSize ?? 5 },
  });
  if (r.status() !== 201) throw new Error(`POST /rooms failed: ${r.status()} ${await r.text()}`);
  const { roomToken } = await r.json();
  const participants = async (): Promise<{ displayName: string; owner: boolean }[]> => {
    const g = await request.get(`/rooms/${roomToken}`);
    return (await g.json()).participants;
  };
  return { token: roomToken as string, key, link: `/${roomToken}#${key}`, participants };
}
