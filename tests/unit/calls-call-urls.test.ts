import { describe, expect, it } from "vitest";
import {
  createCallUrl,
  findLiveCallUrl,
  listCallUrls,
  revokeCallUrl,
  sweepCallUrls,
  updateCallUrl,
} from "@/lib/call-urls/call-urls";
import { createCallUrlBody, updateCallUrlBody } from "@/lib/call-urls/input";
import { describeCallLink, startLinkCall } from "@/lib/calls/create-call";
import { validate } from "@/lib/http/handler";
import { LoopError } from "@/lib/http/errors";
import { manualClockPerTest } from "../support/clock";

// Call URL rules (ref §2.4, contract §3) with the injected clock.

const start = Date.UTC(2026, 0, 1);
const clock = manualClockPerTest(start);

async function loopError(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof LoopError) return e.body();
    throw e;
  }
  throw new Error("expected a LoopError");
}

function badInput(schema: typeof createCallUrlBody | typeof updateCallUrlBody, body: unknown) {
  try {
    validate(schema, body, "body");
  } catch (e) {
    if (e instanceof LoopError) return e.body();
    throw e;
  }
  throw new Error("expected a LoopError");
}

describe("input (ref §2.4 validators, the seed's aliases)", () => {
  it("callerId is required; remote_id and valid_duration are aliases", () => {
    expect(badInput(createCallUrlBody, {})).toMatchObject({ code: 400, errno: 108, error: "Missing: callerId" });
    expect(validate(createCallUrlBody, { remote_id: "alice", valid_duration: 24 }, "body")).toEqual({ callerId: "alice", expiresIn: 24 });
    // The contract's names win when both are sent.
    expect(validate(createCallUrlBody, { callerId: "a", remote_id: "b", expiresIn: 1, valid_duration: 2 }, "body")).toMatchObject({
      callerId: "a",
      expiresIn: 1,
    });
    expect(validate(createCallUrlBody, { callerId: "a", expiresIn: "12" }, "body").expiresIn).toBe(12);
  });

  it("bad values are 107 with the original's messages", () => {
    expect(badInput(createCallUrlBody, { callerId: "a", expiresIn: "soon" })).toMatchObject({
      errno: 107,
      error: "expiresIn should be a valid number",
    });
    expect(badInput(createCallUrlBody, { callerId: "a", expiresIn: 721 })).toMatchObject({ errno: 107, error: "expiresIn should be less than 720" });
    expect(badInput(createCallUrlBody, { callerId: "a", expiresIn: 0 })).toMatchObject({ errno: 107 });
    expect(badInput(createCallUrlBody, { callerId: "a", subject: "s".repeat(125) })).toMatchObject({
      errno: 107,
      error: "subject should be shorter than 124 characters",
    });
    expect(badInput(createCallUrlBody, { callerId: "" })).toMatchObject({ errno: 107 });
    expect(badInput(createCallUrlBody, { callerId: 42 })).toMatchObject({ errno: 107 });
    expect(badInput(updateCallUrlBody, { expiresIn: 1000 })).toMatchObject({ errno: 107 });
    expect(validate(updateCallUrlBody, {}, "body")).toEqual({});
  });
});

describe("lifetime", () => {
  it("default 720 h; an expired link is 404 / 105 everywhere and swept later", async () => {
    const made = await createCallUrl("mac-a", { callerId: "alice" });
    expect(made.expiresAt).toBe(start / 1000 + 720 * 3600);
    expect(made.callToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(made.callUrl).toBe(`http://loop.test/c/${made.callToken}`);

    const short = await createCallUrl("mac-a", { callerId: "bob", expiresIn: 1, issuer: "Ann", subject: "hi" });
    expect(await describeCallLink(short.callToken)).toEqual({ calleeFriendlyName: "Ann", urlCreationDate: start / 1000, subject: "hi" });
    clock.advance(3600_000 - 1000);
    expect(await findLiveCallUrl(short.callToken)).not.toBeNull();
    clock.advance(1000);
    expect(await findLiveCallUrl(short.callToken)).toBeNull();
    const gone = { code: 404, errno: 105, error: "Token not found." };
    expect(await loopError(describeCallLink(short.callToken))).toEqual(gone);
    expect(await loopError(startLinkCall(short.callToken, { kind: "anonymous" }, { callType: "audio" }))).toEqual(gone);
    expect(await loopError(updateCallUrl("mac-a", short.callToken, {}))).toEqual(gone);
    expect(await loopError(revokeCallUrl("mac-a", short.callToken))).toEqual(gone);
    expect((await listCallUrls("mac-a")).map((l) => l.callerId)).toEqual(["alice"]);
    expect(await sweepCallUrls()).toBe(1);
  });

  it("PUT extends from now (default 720 h) and keeps fields it was not given", async () => {
    const made = await createCallUrl("mac-b", { callerId: "carol", issuer: "Bob", subject: "lunch", expiresIn: 2 });
    clock.advance(3600_000);
    expect(await updateCallUrl("mac-b", made.callToken, { expiresIn: 5 })).toEqual({ expiresAt: start / 1000 + 3600 + 5 * 3600 });
    expect(await updateCallUrl("mac-b", made.callToken, { issuer: "Robert" })).toEqual({ expiresAt: start / 1000 + 3600 + 720 * 3600 });
    const [l] = await listCallUrls("mac-b");
    expect(l).toMatchObject({ callToken: made.callToken, callerId: "carol", issuer: "Robert", subject: "lunch", timestamp: start / 1000 + 3600 });
  });

  it("only the owner may change or revoke: PUT 404 / 105 'Not Found.', DELETE 403 / 110", async () => {
    const made = await createCallUrl("mac-c", { callerId: "dave" });
    expect(await loopError(updateCallUrl("mac-x", made.callToken, {}))).toEqual({ code: 404, errno: 105, error: "Not Found." });
    expect(await loopError(revokeCallUrl("mac-x", made.callToken))).toEqual({ code: 403, errno: 110, error: "Forbidden" });
    await revokeCallUrl("mac-c", made.callToken);
    expect(await loopError(describeCallLink(made.callToken))).toMatchObject({ code: 404, errno: 105 });
  });

  it("malformed tokens are unknown tokens; the original 11-char form is accepted", async () => {
    expect(await findLiveCallUrl("../../etc")).toBeNull();
    expect(await loopError(describeCallLink("x".repeat(30)))).toMatchObject({ errno: 105 });
    expect(await findLiveCallUrl("abcdefghijk")).toBeNull(); // well-formed, just unknown
  });
});
