import { expect, test, type Page } from "@playwright/test";
import { createRoom } from "./support/loop-api";
import { closeAll, join, openGuest } from "./support/guest";
import { maxFramesDecoded } from "./support/webrtc";

/**
 * Who makes the first offer when someone joins a p2p call (issue 16): the participant already
 * in the room offers at once, the newcomer answers — and when both offer at the same moment
 * (glare), perfect negotiation still connects the call with video both ways.
 */

test.describe.configure({ mode: "serial" });

function signalingLog(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __loopDebug?: { log(): string[] } }).__loopDebug?.log() ?? []);
}

async function framesBothWays(a: Page, b: Page) {
  try {
    await expect.poll(() => maxFramesDecoded(a), { timeout: 45_000 }).toBeGreaterThan(0);
    await expect.poll(() => maxFramesDecoded(b), { timeout: 45_000 }).toBeGreaterThan(0);
  } catch (err) {
    // What each side's negotiation did, for the report.
    console.log(`A:\n${(await signalingLog(a)).join("\n")}\nB:\n${(await signalingLog(b)).join("\n")}`);
    throw err;
  }
}

test("forced glare: both sides offer at once and the call still connects with video both ways", async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  const room = await createRoom(baseURL!, { roomName: "Glare" });
  const a = await openGuest(browser, room.link);
  const b = await openGuest(browser, room.link);
  try {
    for (const g of [a, b]) {
      // The test switch: each side makes its first offer at once and holds it back until the
      // other's offer arrives (or 500 ms), so each side gets an offer while its own is pending.
      await g.page.evaluate(() => localStorage.setItem("loop.debug.glare", "1"));
      await g.page.reload();
    }
    await join(a.page, "Ada");
    await join(b.page, "Bo");
    await framesBothWays(a.page, b.page);

    const logs = [await signalingLog(a.page), await signalingLog(b.page)];
    // Both offers really went out, and at least one side saw them collide.
    for (const log of logs) expect(log.some((l) => l.includes("sent offer (held for glare)"))).toBe(true);
    expect(logs.flat().some((l) => l.includes("(collision)"))).toBe(true);
    // The impolite side dropped the other's offer; the polite side rolled back and answered.
    expect(logs.flat().some((l) => l.includes("(collision) ignored"))).toBe(true);
    expect(logs.flat().some((l) => /got offer in have-local-offer \(collision\)$/.test(l))).toBe(true);
    await expect(a.page.getByTestId("tile-remote")).toHaveAttribute("data-participant", "Bo");
    await expect(b.page.getByTestId("tile-remote")).toHaveAttribute("data-participant", "Ada");
  } finally {
    await closeAll(a.context, b.context);
  }
});

test("the one already in the room offers at once; newcomers only answer (no glare, no wait)", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const room = await createRoom(baseURL!, { roomName: "First offer" });
  const host = await openGuest(browser, room.link);
  try {
    await join(host.page, "Host");
    // Three newcomers in turn: politeness is decided by random ids, so without the relay's
    // word a newcomer would make the first offer about half the time.
    for (const name of ["One", "Two", "Three"]) {
      const g = await openGuest(browser, room.link);
      const signaling: string[] = [];
      g.page.on("request", (r) => {
        if (r.url().includes("/video/signal")) signaling.push(`${r.method()} ${new URL(r.url()).pathname}`);
      });
      try {
        await join(g.page, name);
        await framesBothWays(host.page, g.page);
        const log = await signalingLog(g.page);
        // The join answered on the signaling stream: no second request to open it.
        expect(signaling.filter((r) => r.startsWith("GET "))).toEqual([]);
        expect(signaling.filter((r) => r.startsWith("POST /video/signal/join/"))).toHaveLength(1);
        // The newcomer's connection was made (and gathering) before the join answered.
        const marks = await g.page.evaluate(() => (window as unknown as { __loopDebug: { marks: Record<string, number> } }).__loopDebug.marks);
        expect(marks.warm).toBeLessThan(marks.joinAnswered);
        expect(log.some((l) => l.includes("warm connection")), log.join("\n")).toBe(true);
        // The newcomer answered the first offer; an offer of its own can only be a later ICE
        // restart (a stall on a very loaded machine), never the first one.
        const firstOffer = log.findIndex((l) => l.includes("got offer in stable"));
        expect(firstOffer, log.join("\n")).toBeGreaterThanOrEqual(0);
        expect(log.slice(0, firstOffer).filter((l) => l.includes("sent offer")), log.join("\n")).toEqual([]);
        expect(log.some((l) => l.includes("no offer came"))).toBe(false);
        await g.page.getByRole("button", { name: "Leave" }).click();
        await expect(g.page.getByTestId("ended")).toBeVisible();
      } finally {
        await closeAll(g.context);
      }
      await expect(host.page.getByTestId("waiting")).toBeVisible({ timeout: 15_000 });
    }
  } finally {
    await closeAll(host.context);
  }
});
