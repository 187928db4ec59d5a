import { describe, expect, inject, it } from "vitest";
import { createRoom, device, guestJoin } from "./rooms-support";

/**
 * Capacity under concurrency (issue 4): 30 joins at once into a `maxSize: 5` room admit
 * exactly 4 guests (the owner's seat is kept), the rest get 400 / 202. 20 rounds, on
 * whichever database this run uses (CI runs it on SQLite and on PostgreSQL).
 */
const base = inject("apiUrl");
const ROUNDS = 20;
const JOINS = 30;

describe("concurrent joins never overfill a room", () => {
  it(`${JOINS} joins at once into maxSize 5: exactly 4 guests, ${ROUNDS} rounds`, { timeout: 180_000 }, async () => {
    const owner = await device(base);
    for (let round = 0; round < ROUNDS; round++) {
      const token = await createRoom(owner, { maxSize: 5 });
      const answers = await Promise.all(Array.from({ length: JOINS }, (_, i) => guestJoin(base, token, `G${i}`)));
      const ok = answers.filter((a) => a.status === 200);
      const full = answers.filter((a) => a.status === 400 && a.body?.errno === 202);
      expect(ok.length, `round ${round}`).toBe(4);
      expect(full.length, `round ${round}: ${JSON.stringify(answers.filter((a) => a.status !== 200 && a.body?.errno !== 202).map((a) => a.text))}`).toBe(JOINS - 4);
      const info = await owner.get(`/rooms/${token}`);
      expect(info.body.participants).toHaveLength(4);
      // One media session for everybody.
      expect(new Set(ok.map((a) => a.body.sessionId)).size).toBe(1);
      // The owner's seat is still there.
      const o = await owner.post(`/rooms/${token}`, { action: "join", displayName: "Owner", clientMaxSize: 5 });
      expect(o.status).toBe(200);
    }
  });
});
