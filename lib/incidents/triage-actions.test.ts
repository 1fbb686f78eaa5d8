import { describe, expect, it } from "vitest";
import { ROLE_PERMISSIONS } from "../auth/permissions";
import { triageActions } from "./triage-actions";

const analyst = ROLE_PERMISSIONS.analyst;
const developer = ROLE_PERMISSIONS.developer;
const manager = ROLE_PERMISSIONS.manager;

describe("triage actions", () => {
  it("offers an analyst the forward steps of the workflow, false positive and assignment", () => {
    const a = triageActions("new", analyst);
    expect(a.statusButtons.map((b) => b.label)).toEqual(["Acknowledge", "Investigate", "Contain", "Resolve"]);
    expect(a).toMatchObject({ canAssign: true, canMarkFalsePositive: true, canReopen: false, canComment: true, acknowledgeNeedsComment: false });
    expect(triageActions("investigating", analyst).statusButtons.map((b) => b.status)).toEqual(["contained", "resolved"]);
    expect(triageActions("contained", analyst).statusButtons.map((b) => b.status)).toEqual(["resolved"]);
  });

  it("offers only reopen on a closed incident", () => {
    for (const status of ["resolved", "false_positive"]) {
      const a = triageActions(status, analyst);
      expect(a.statusButtons).toEqual([]);
      expect(a.canReopen).toBe(true);
      expect(a.canMarkFalsePositive).toBe(false);
    }
  });

  it("lets a developer acknowledge a new incident with a comment, and nothing else", () => {
    const a = triageActions("new", developer);
    expect(a.statusButtons.map((b) => b.status)).toEqual(["acknowledged"]);
    expect(a).toMatchObject({ canAssign: false, canMarkFalsePositive: false, canReopen: false, canComment: true, acknowledgeNeedsComment: true });
    expect(triageActions("investigating", developer).statusButtons).toEqual([]);
  });

  it("lets a manager comment only", () => {
    const a = triageActions("new", manager);
    expect(a.statusButtons).toEqual([]);
    expect(a).toMatchObject({ canAssign: false, canComment: true, canReopen: false });
  });
});
