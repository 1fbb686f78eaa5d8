import { describe, expect, it } from "vitest";
import { can, ROLE_PERMISSIONS, TOKEN_ROLES, type TPermission } from "./permissions";

// DESIGN.md "Roles", row by row.
const TABLE: Record<TPermission, Record<string, boolean>> = {
  "incident.read": { admin: true, analyst: true, manager: true, developer: true, ingest: false },
  "workload.read": { admin: true, analyst: true, manager: true, developer: true, ingest: false },
  "incident.triage": { admin: true, analyst: true, manager: false, developer: false, ingest: false },
  "incident.acknowledge": { admin: true, analyst: true, manager: false, developer: true, ingest: false },
  "incident.comment": { admin: true, analyst: true, manager: true, developer: true, ingest: false },
  "ownership.manage": { admin: true, analyst: false, manager: true, developer: false, ingest: false },
  "risk.accept": { admin: true, analyst: false, manager: true, developer: false, ingest: false },
  "users.manage": { admin: true, analyst: false, manager: false, developer: false, ingest: false },
  "tokens.manage": { admin: true, analyst: false, manager: false, developer: false, ingest: false },
  "audit.read": { admin: true, analyst: false, manager: false, developer: false, ingest: false },
  "sources.read": { admin: true, analyst: false, manager: false, developer: false, ingest: false },
  "alerts.ingest": { admin: true, analyst: false, manager: false, developer: false, ingest: true },
  "inventory.ingest": { admin: true, analyst: false, manager: false, developer: false, ingest: true },
};

describe("role table", () => {
  for (const [action, row] of Object.entries(TABLE)) {
    for (const role of TOKEN_ROLES) {
      it(`${role} ${row[role] ? "may" : "may not"} ${action}`, () => {
        expect(can({ role }, action as TPermission)).toBe(row[role]);
      });
    }
  }

  it("grants nothing outside the table", () => {
    for (const role of TOKEN_ROLES) {
      for (const action of ROLE_PERMISSIONS[role]) expect(TABLE[action][role]).toBe(true);
    }
  });
});
