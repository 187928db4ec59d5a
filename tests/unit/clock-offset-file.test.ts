import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { offsetFileClock } from "@/lib/clock";

/** LOOP_TEST_CLOCK_FILE (tests only): the system clock plus the milliseconds in a file. */
const dir = mkdtempSync(join(tmpdir(), "loop-clock-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("offsetFileClock", () => {
  it("adds the file's offset, follows changes, and treats a missing or bad file as 0", async () => {
    const file = join(dir, "offset");
    const { readFileSync } = await import("node:fs");
    const c = offsetFileClock(file, (p) => readFileSync(p, "utf8"));
    expect(Math.abs(c.nowMs() - Date.now())).toBeLessThan(50);

    writeFileSync(file, "3600000\n");
    const deadline = Date.now() + 2000;
    while (c.nowMs() - Date.now() < 3_590_000) {
      if (Date.now() > deadline) throw new Error("the clock never followed the file");
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(c.nowMs() - Date.now()).toBeGreaterThanOrEqual(3_590_000);

    writeFileSync(file, "not a number");
    const back = Date.now() + 2000;
    while (c.nowMs() - Date.now() > 1000) {
      if (Date.now() > back) throw new Error("a bad file should mean no offset");
      await new Promise((r) => setTimeout(r, 50));
    }
  });
});
