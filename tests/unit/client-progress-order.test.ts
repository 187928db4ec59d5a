import { describe, expect, it } from "vitest";
import { isProgressForward } from "@/lib/client/calls/progress-order";

describe("call progress shown to a person only moves forward", () => {
  it("a late hello reply (init) does not undo alerting; later states do apply", () => {
    expect(isProgressForward("alerting", "init")).toBe(false);
    expect(isProgressForward("connecting", "alerting")).toBe(false);
    expect(isProgressForward("init", "alerting")).toBe(true);
    expect(isProgressForward("alerting", "connecting")).toBe(true);
    expect(isProgressForward("half-connected", "connected")).toBe(true);
    expect(isProgressForward("alerting", "alerting")).toBe(true);
  });

  it("termination always applies; unknown states are tolerated", () => {
    for (const s of ["init", "alerting", "connecting", "half-connected", "connected"]) expect(isProgressForward(s, "terminated")).toBe(true);
    expect(isProgressForward("alerting", "some-future-state")).toBe(true);
  });
});
