// The PolicyException export, validated against Kyverno's own published schema for kyverno.io/v2
// (vendor/kyverno: the CRD from kyverno/kyverno, Apache-2.0, unmodified) with ajv.
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { exceptionName, kyvernoPolicyException, kyvernoPolicyExceptionYaml, kyvernoTtl } from "./kyverno-exception";
import type { TAcceptedRisk } from "../ownership/accepted-risks";

const CRD = parse(readFileSync(path.join(__dirname, "../../vendor/kyverno/kyverno.io_policyexceptions.yaml"), "utf8"));
const V2 = CRD.spec.versions.find((v: { name: string }) => v.name === "v2").schema.openAPIV3Schema;

// strict, except two idioms of Kubernetes schemas: `not: {required: [a, b]}` (one of two) and untyped `value` fields
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
// Kubernetes' structural-schema markers: annotations for the API server, no constraint to check
for (const k of ["x-kubernetes-list-type", "x-kubernetes-map-type", "x-kubernetes-preserve-unknown-fields"]) ajv.addKeyword(k);
const validate = ajv.compile(V2);

const risk: TAcceptedRisk = {
  id: "0f6c2d1e-8a7b-4c3d-9e2f-1a2b3c4d5e6f",
  cluster: "prod-eu",
  workloadId: "wl_0123456789abcdef01234567",
  workload: "Deployment/payments/api",
  kind: "Deployment",
  namespace: "payments",
  name: "api",
  team: "payments",
  edge: { from: "Container/payments/*/api", edge: "CE_PRIV_MOUNT", to: "Node/*" },
  owner: { id: "u1", name: "Maya Chen" },
  reason: "needs the host's GPU driver: replaced by the device plugin in March\n=cmd|' /C calc'!A0",
  expiresAt: "2027-03-01T09:30:00.000Z",
  state: "active",
  label: "accepted until 2027-03-01 by Maya Chen",
  createdBy: "maya@example.com",
  createdAt: "2026-12-02T10:00:00.000Z",
  updatedAt: "2026-12-02T10:00:00.000Z",
  revokedAt: null,
  revokedBy: null,
};
const target = { policyName: "disallow-privileged-containers", ruleNames: ["privileged-containers", "autogen-privileged-containers"] };

describe("Kyverno PolicyException export", () => {
  it("is a valid kyverno.io/v2 PolicyException by Kyverno's published schema", () => {
    const doc = parse(kyvernoPolicyExceptionYaml(risk, target));
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.apiVersion).toBe("kyverno.io/v2");
    expect(doc.kind).toBe("PolicyException");
  });

  it("quotes every value, so a YAML 1.1 reader takes the TTL for a string", () => {
    const text = kyvernoPolicyExceptionYaml(risk, target);
    expect(text).toContain('cleanup.kyverno.io/ttl: "2027-03-01T093000Z"');
    expect(text).toContain('apiVersion: "kyverno.io/v2"');
  });

  it("exempts exactly the workload and its pods from the named rules, until the risk's expiry", () => {
    const doc = kyvernoPolicyException(risk, target);
    expect(doc.metadata.namespace).toBe("payments");
    expect(doc.metadata.labels["cleanup.kyverno.io/ttl"]).toBe("2027-03-01T093000Z");
    expect(doc.spec.exceptions).toEqual([target]);
    expect(doc.spec.match.any).toEqual([
      { resources: { kinds: ["Deployment"], namespaces: ["payments"], names: ["api"] } },
      { resources: { kinds: ["Pod"], namespaces: ["payments"], names: ["api-*"] } },
    ]);
    expect(doc.metadata.annotations["blast-radius.io/owner"]).toBe("Maya Chen");
    // the manager's text survives YAML as the same string, not as markup or a second document
    expect(parse(kyvernoPolicyExceptionYaml(risk, target)).metadata.annotations["blast-radius.io/reason"]).toBe(risk.reason);
  });

  it("names the exception as Kubernetes allows (DNS-1123 subdomain)", () => {
    const name = exceptionName({ id: risk.id, name: "Weird_Name..With Spaces" });
    expect(name).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
    expect(name).toBe("blast-radius-weird-name-with-spaces-0f6c2d1e");
    expect(kyvernoTtl(new Date("2026-12-31T23:59:59.999Z"))).toBe("2026-12-31T235959Z");
  });

  it("is checked by a validator that does reject a malformed exception", () => {
    const doc = kyvernoPolicyException(risk, target) as { spec: Record<string, unknown> };
    expect(validate({ ...doc, spec: { match: doc.spec.match } })).toBe(false);
    expect(JSON.stringify(validate.errors)).toContain("exceptions");
    expect(validate({ ...doc, spec: { ...doc.spec, exceptions: [{ policyName: "p" }] } })).toBe(false);
    expect(JSON.stringify(validate.errors)).toContain("ruleNames");
  });
});
