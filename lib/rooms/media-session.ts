import { db } from "../db";
import { errors } from "../http/errors";
import { videoProvider, type VideoProvider } from "../video/provider";
import { processState } from "../process-state";

/**
 * One media session per room, created at the first join and stored. Two first joins at the
 * same moment must not create two sessions: in this process they share one creation (single
 * flight), and across instances the store is a compare-and-set, so whichever session is
 * stored first is the one everybody uses. A room whose session belongs to another provider
 * or API key (configuration changed since) gets a fresh one (as the original, 0.21.0).
 */
type RoomMedia = { token: string; provider: string; sessionId: string | null; apiKey: string | null };

const inflight = processState("roomSessions", () => new Map<string, Promise<string>>());

function usable(room: RoomMedia, p: VideoProvider) {
  return room.sessionId !== null && room.provider === p.name && room.apiKey === p.apiKey;
}

export async function ensureMediaSession(room: RoomMedia): Promise<{ provider: VideoProvider; sessionId: string }> {
  const provider = await videoProvider();
  if (usable(room, provider)) return { provider, sessionId: room.sessionId! };
  let pending = inflight.get(room.token);
  if (!pending) {
    pending = createAndStore(room, provider).finally(() => inflight.delete(room.token));
    inflight.set(room.token, pending);
  }
  return { provider, sessionId: await pending };
}

async function createAndStore(room: RoomMedia, provider: VideoProvider): Promise<string> {
  const sessionId = await provider.createSession();
  const { count } = await db().room.updateMany({
    where: { token: room.token, sessionId: room.sessionId, provider: room.provider, apiKey: room.apiKey },
    data: { sessionId, provider: provider.name, apiKey: provider.apiKey },
  });
  if (count === 1) return sessionId;
  // Another instance stored its session first: use that one.
  const stored = await db().room.findUnique({ where: { token: room.token }, select: { token: true, provider: true, sessionId: true, apiKey: true } });
  if (stored && usable(stored, provider)) return stored.sessionId!;
  throw errors.tokenNotFound();
}
