import { describe, expect, it } from "vitest";
import { parseInventory } from "./parse-inventory";
import { InventoryError } from "./types";

const CATALOG = `
apiVersion: blastradius.dev/v1alpha1
kind: SensitiveAsset          # a crown jewel that is not a Kubernetes object
metadata: { name: cardholder-exports }
spec:
  type: bucket
  sensitivity: critical
  reachableVia:
    cloudRoles: ["arn:aws:iam::111122223333:role/payments-api"]
    services: ["payments/postgres:5432"]
---
apiVersion: blastradius.dev/v1alpha1
kind: CloudRole
metadata: { name: "arn:aws:iam::111122223333:role/node-role" }
spec: { nodes: ["*"] }
---
apiVersion: blastradius.dev/v1alpha1
kind: Team
metadata: { name: payments }
spec: { namespaces: ["payments"], selectors: ["team=payments"] }
`;

const parseOne = (text: string) => parseInventory([{ name: "catalog.yaml", text }]);

describe("product documents", () => {
  it("parses DESIGN.md's catalog example into typed records", () => {
    const inv = parseOne(CATALOG);
    expect(inv.sensitiveAssets).toEqual([
      { name: "cardholder-exports", type: "bucket", sensitivity: "critical", cloudRoles: ["arn:aws:iam::111122223333:role/payments-api"], services: ["payments/postgres:5432"] },
    ]);
    expect(inv.cloudRoles).toEqual([{ name: "arn:aws:iam::111122223333:role/node-role", nodes: ["*"] }]);
    expect(inv.teams).toEqual([{ name: "payments", namespaces: ["payments"], selectors: ["team=payments"] }]);
    expect(inv.objects).toBe(3);
  });

  it("defaults the optional lists to empty", () => {
    const inv = parseOne("apiVersion: blastradius.dev/v1alpha1\nkind: SensitiveAsset\nmetadata: {name: a}\nspec: {type: kms, sensitivity: low}\n---\napiVersion: blastradius.dev/v1alpha1\nkind: Team\nmetadata: {name: t}\nspec: {}\n");
    expect(inv.sensitiveAssets[0]).toMatchObject({ cloudRoles: [], services: [] });
    expect(inv.teams[0]).toEqual({ name: "t", namespaces: [], selectors: [] });
  });

  it.each([
    ["sensitivity outside the enum", CATALOG.replace("sensitivity: critical", "sensitivity: severe"), 0, "spec.sensitivity"],
    ["type outside the enum", CATALOG.replace("type: bucket", "type: s3"), 0, "spec.type"],
    ["a malformed service reference", CATALOG.replace("payments/postgres:5432", "postgres"), 0, "spec.reachableVia.services[0]"],
    ["a CloudRole without nodes", CATALOG.replace('spec: { nodes: ["*"] }', "spec: {}"), 1, "spec.nodes"],
    ["a Team selector that is not key=value", CATALOG.replace('"team=payments"', '"team"'), 2, "spec.selectors[0]"],
    ["an empty name", CATALOG.replace("{ name: payments }", '{ name: "" }'), 2, "metadata.name"],
    ["an unknown version", CATALOG.replace("blastradius.dev/v1alpha1\nkind: Team", "blastradius.dev/v2\nkind: Team"), 2, "apiVersion"],
    ["an unknown kind in the product group", CATALOG.replace("kind: Team", "kind: Teem"), 2, "kind"],
  ])("rejects %s", (_what, text, documentIndex, field) => {
    let caught: unknown;
    try {
      parseOne(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InventoryError);
    expect(caught).toMatchObject({ source: "catalog.yaml", documentIndex, field });
  });
});
