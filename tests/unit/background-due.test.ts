import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sweepRevokedWebSessions } from "@/lib/accounts/web-sign-out";
import { userMacFor } from "@/lib/crypto";
import { db, isDue } from "@/lib/db";
import { due } from "@/lib/db/statements";
import { sweepVerificationLinks } from "@/lib/identity/email";
import { sweepPhoneCodes } from "@/lib/identity/phone";
import { sweepRooms } from "@/lib/rooms/sweep";
import { manualClockPerTest } from "../support/clock";

// The sweepers' "anything due?" probes (lib/db/statements.ts `due`) on the driver: each says
// yes exactly when the sweeper's own Prisma condition would find a row, so skipping Prisma on
// a "no" never leaves work undone. Both databases (Int seconds; Call's DateTime instants are
// covered by calls-progress' timer and expiry tests, which go through the same probes).

const T = Math.floor(Date.UTC(2026, 0, 1) / 1000);
const clock = manualClockPerTest(T * 1000, async () => {
  await db().roomTombstone.deleteMany({});
  await db().revokedWebSession.deleteMany({});
  await db().emailVerification.deleteMany({});
  await db().phoneCode.deleteMany({});
  await db().contactSource.deleteMany({});
});

describe("sweepers' due probes", () => {
  it("an expiry at or before now is due (<=); one second later is not", async () => {
    const cases = [
      { q: due.roomTombstones, make: (at: number) => db().roomTombstone.create({ data: { token: randomUUID(), ownerMac: "o", deletedAt: at - 10, expiresAt: at } }) },
      { q: due.revokedWebSessions, make: (at: number) => db().revokedWebSession.create({ data: { sid: randomUUID(), userId: "u", revokedAt: new Date(), expiresAt: at } }) },
      { q: due.callUrls, make: (at: number) => db().callUrl.create({ data: { token: randomUUID(), userMac: "m", callerId: "c", timestamp: at - 10, expiresAt: at } }) },
      {
        q: due.hawkSessions,
        make: (at: number) => db().hawkSession.create({ data: { idHmac: randomUUID(), authKey: "k", userMac: "m", createdAt: at - 10, lastUsedAt: at - 10, expiresAt: at } }),
      },
    ];
    for (const { q, make } of cases) {
      expect(await isDue(q, T + 5)).toBe(false);
      await make(T + 5);
      expect(await isDue(q, T + 4)).toBe(false);
      expect(await isDue(q, T + 5)).toBe(true);
      expect(await isDue(q, T + 6)).toBe(true);
    }
    await db().callUrl.deleteMany({});
    await db().hawkSession.deleteMany({});
  });

  it("spent links and codes are due only strictly before the cut-off (<)", async () => {
    await db().emailVerification.create({ data: { tokenHash: randomUUID(), email: "a@example.com", createdAt: T - 10, expiresAt: T } });
    await db().phoneCode.create({ data: { msisdn: "+15550100", requester: "user:x", codeHash: "h", createdAt: T - 10, expiresAt: T } });
    for (const q of [due.emailVerifications, due.phoneCodes]) {
      expect(await isDue(q, T)).toBe(false);
      expect(await isDue(q, T + 1)).toBe(true);
    }
  });

  it("an address book is due when its sync time has come and no sync holds its lease", async () => {
    const email = `${randomUUID()}@example.com`;
    const user = await db().user.create({ data: { id: randomUUID(), email, userMac: userMacFor(email) } });
    const base = { userId: user.id, name: "Book", createdAt: T - 100 };
    await db().contactSource.create({ data: { ...base, id: randomUUID(), kind: "file", nextSyncAt: T - 50 } });
    expect(await isDue(due.contactSources, T)).toBe(false); // files are never synced
    const id = randomUUID();
    await db().contactSource.create({ data: { ...base, id, kind: "carddav", url: "https://dav.example/", nextSyncAt: T, leaseUntil: T } });
    expect(await isDue(due.contactSources, T - 1)).toBe(false); // not yet
    expect(await isDue(due.contactSources, T)).toBe(false); // leased until now
    expect(await isDue(due.contactSources, T + 1)).toBe(true);
    await db().contactSource.update({ where: { id }, data: { leaseUntil: T + 600 } });
    expect(await isDue(due.contactSources, T + 1)).toBe(false); // a sync holds it
  });

  it("what is due is still swept, and what is not stays", async () => {
    const now = T + 100;
    clock.set(now * 1000);
    await db().roomTombstone.createMany({
      data: [
        { token: "gone", ownerMac: "o", deletedAt: T, expiresAt: now },
        { token: "kept", ownerMac: "o", deletedAt: T, expiresAt: now + 1 },
      ],
    });
    await db().revokedWebSession.createMany({
      data: [
        { sid: "gone", userId: "u", revokedAt: new Date(), expiresAt: now },
        { sid: "kept", userId: "u", revokedAt: new Date(), expiresAt: now + 1 },
      ],
    });
    await db().emailVerification.createMany({
      data: [
        { tokenHash: "gone", email: "a@example.com", createdAt: T, expiresAt: now - 3601 },
        { tokenHash: "kept", email: "a@example.com", createdAt: T, expiresAt: now - 3600 },
      ],
    });
    await db().phoneCode.createMany({
      data: [
        { msisdn: "+15550100", requester: "gone", codeHash: "h", createdAt: T, expiresAt: now - 3601 },
        { msisdn: "+15550100", requester: "kept", codeHash: "h", createdAt: T, expiresAt: now - 3600 },
      ],
    });
    expect((await sweepRooms()).tombstones).toBe(1);
    expect(await sweepRevokedWebSessions()).toBe(1);
    await sweepVerificationLinks();
    await sweepPhoneCodes();
    expect((await db().roomTombstone.findMany()).map((r) => r.token)).toEqual(["kept"]);
    expect((await db().revokedWebSession.findMany()).map((r) => r.sid)).toEqual(["kept"]);
    expect((await db().emailVerification.findMany()).map((r) => r.tokenHash)).toEqual(["kept"]);
    expect((await db().phoneCode.findMany()).map((r) => r.requester)).toEqual(["kept"]);
    // Nothing left due: a second pass finds nothing.
    expect((await sweepRooms()).tombstones).toBe(0);
    expect(await sweepRevokedWebSessions()).toBe(0);
  });
});
