import { describe, expect, it } from "vitest";
import { isCallToken } from "@/lib/call-urls/call-urls";
import { ApiError as LoopApiError, ERRNO } from "@/lib/client/loop-api";
import { ApiError as OwnerApiError } from "@/lib/client/owner-api";
import { errno as serverErrno } from "@/lib/http/errors";
import { ApiError, errno, isLoopToken } from "@/lib/protocol";
import { ROOM_TOKEN } from "@/lib/rooms/validate";

describe("protocol module", () => {
  it("one token rule: 22 base64url characters, or the original's 11", () => {
    const ok = ["a".repeat(22), "A-b_9".repeat(4) + "zz", "x".repeat(11)];
    const bad = ["x".repeat(10), "x".repeat(12), "x".repeat(21), "x".repeat(23), "x".repeat(43), "a".repeat(21) + "!"];
    for (const t of ok) expect([isLoopToken(t), ROOM_TOKEN.test(t), isCallToken(t)], t).toEqual([true, true, true]);
    for (const t of bad) expect([isLoopToken(t), ROOM_TOKEN.test(t), isCallToken(t)], t).toEqual([false, false, false]);
  });

  it("one errno table and one error class for server and both browser clients", () => {
    expect(serverErrno).toBe(errno);
    expect(ERRNO).toBe(errno);
    expect(LoopApiError).toBe(ApiError);
    expect(OwnerApiError).toBe(ApiError);
    const e = new ApiError(0, null, "Network error");
    expect([e.isNetwork, e.isUnavailable, e instanceof Error]).toEqual([true, true, true]);
  });
});
