import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseInventory } from "./parse-inventory";
import { InventoryError, type TInventorySource } from "./types";

const FIXTURES = fileURLToPath(new URL("../../../shared/fixtures/", import.meta.url));
const fixture = (relative: string): TInventorySource => ({ name: relative, text: readFileSync(FIXTURES + relative, "utf8") });

function errorOf(sources: TInventorySource[]): InventoryError {
  try {
    parseInventory(sources);
  } catch (error) {
    if (error instanceof InventoryError) return error;
    throw error;
  }
  throw new Error("expected an InventoryError");
}

describe("parseInventory errors name the source, the document and the field", () => {
  it("points at the List item, with its index, for a kubectl dump", () => {
    const items = [0, 1, 2].map((i) => ({ kind: "Pod", metadata: { name: `p${i}` } }));
    items.push({ kind: "Pod", metadata: { name: "" } });
    const error = errorOf([{ name: "pods.json", text: JSON.stringify({ apiVersion: "v1", kind: "List", items }) }]);
    expect(error).toMatchObject({ source: "pods.json", documentIndex: 3, field: "items[3].metadata.name" });
    expect(error.message).toMatch(/^pods\.json: document 3: items\[3\]\.metadata\.name: /);
  });

  it("counts YAML documents from 0, skipping empty ones", () => {
    const text = "# header\n---\nkind: Namespace\nmetadata: {name: a}\n---\n---\nkind: RoleBinding\nmetadata: {name: b}\nroleRef: {kind: Role}\n";
    const error = errorOf([{ name: "cluster.yaml", text }]);
    expect(error).toMatchObject({ source: "cluster.yaml", documentIndex: 1, field: "roleRef.name" });
  });

  it("names the source among several", () => {
    const good = { name: "a.yaml", text: "kind: Namespace\nmetadata: {name: a}\n" };
    const error = errorOf([good, { name: "b.yaml", text: "kind: Pod\nmetadata: {name: p}\nspec: {hostPID: \"true\"}\n" }]);
    expect(error).toMatchObject({ source: "b.yaml", documentIndex: 0, field: "spec.hostPID" });
  });

  it("quotes label keys that are not identifiers", () => {
    const error = errorOf([{ name: "x.yaml", text: "kind: Pod\nmetadata:\n  name: p\n  labels: {app.kubernetes.io/name: [a]}\n" }]);
    expect(error.field).toBe('metadata.labels["app.kubernetes.io/name"]');
  });

  it("refuses a NetworkPolicy with a malformed CIDR, as the API server would", () => {
    const text = "kind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254]}}]}]\n";
    expect(errorOf([{ name: "np.yaml", text }]).field).toBe("spec.egress[0].to[0].ipBlock.except[0]");
  });

  it("requires a kind and an object", () => {
    expect(errorOf([{ name: "x.yaml", text: "metadata: {name: a}\n" }]).field).toBe("kind");
    expect(errorOf([{ name: "x.yaml", text: "just a string\n" }]).field).toBe("(document)");
    expect(errorOf([{ name: "x.json", text: '{"kind":"List","items":[1]}' }]).field).toBe("items[0]");
  });

  it("reports JSON and YAML syntax errors as field (syntax) without quoting the input", () => {
    const json = errorOf([{ name: "dump.json", text: '{"kind":"Secret","data":{"password":"c2VjcmV0"}', format: "json" }]);
    expect(json).toMatchObject({ source: "dump.json", documentIndex: 0, field: "(syntax)" });
    expect(json.message).not.toContain("c2VjcmV0");
    const yaml = errorOf([{ name: "s.yaml", text: "kind: Namespace\nmetadata: {name: a}\n---\nkind: Secret\nstringData:\n  password: hunter2\n   oops: [\n" }]);
    expect(yaml).toMatchObject({ source: "s.yaml", documentIndex: 1, field: "(syntax)" });
    expect(yaml.reason).toMatch(/line \d+, column \d+/);
    expect(yaml.message).not.toContain("hunter2");
  });

  it("fails on kubernetes-goat's unrendered Helm templates, naming file and document", () => {
    for (const file of ["templates/deployment.yaml", "templates/service.yaml", "templates/ingress.yaml", "templates/tests/test-connection.yaml"]) {
      const error = errorOf([fixture(`kubernetes-goat/scenarios/metadata-db/${file}`)]);
      expect(error.source).toBe(`kubernetes-goat/scenarios/metadata-db/${file}`);
      expect(error.documentIndex).toBe(0);
      expect(error.field).toBe("(syntax)");
      expect(error.reason).toContain("unrendered template");
    }
    const binding = errorOf([fixture("kubernetes-goat/infrastructure/helm-tiller/pwnchart/templates/clusterrolebinding.yaml")]);
    expect(binding).toMatchObject({ source: "kubernetes-goat/infrastructure/helm-tiller/pwnchart/templates/clusterrolebinding.yaml", documentIndex: 0 });
    // Chart.yaml and values.yaml are not Kubernetes objects at all
    expect(errorOf([fixture("kubernetes-goat/scenarios/metadata-db/values.yaml")]).field).toBe("kind");
  });

  it("refuses YAML alias bombs", () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(",")}]`);
    expect(errorOf([{ name: "bomb.yaml", text: `kind: Pod\nmetadata: {name: p}\n${lines.join("\n")}\n` }]).field).toBe("(syntax)");
  });
});
