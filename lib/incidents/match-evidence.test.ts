// An alert's evidence is linked to a step of the alerting pod's own path, never another replica's.
import { describe, expect, it } from "vitest";
import { matchEvidence } from "./match-evidence";

describe("matchEvidence", () => {
  const paths = [
    [
      { from: "Container/shop/api-1/api", edge: "IDENTITY_ASSUME" as const, to: "ServiceAccount/shop/api" },
      { from: "ServiceAccount/shop/api", edge: "PERMISSION_DISCOVER" as const, to: "PermissionSet/shop/r::b" },
    ],
  ];

  it("links evidence to the step of this pod's path", () => {
    const [m] = matchEvidence([{ edge: "IDENTITY_ASSUME", detail: "read token" }], paths, { namespace: "shop", pod: "api-1" });
    expect(m.step).toEqual(paths[0][0]);
  });

  it("does not link a step that starts in another pod, nor an edge kind absent from the paths", () => {
    expect(matchEvidence([{ edge: "IDENTITY_ASSUME", detail: "" }], paths, { namespace: "shop", pod: "api-2" })[0].step).toBeNull();
    expect(matchEvidence([{ edge: "IMDS_ACCESS", detail: "" }], paths, { namespace: "shop", pod: "api-1" })[0].step).toBeNull();
  });
});
