// Tests only: a kubeconfig for a local fake API server (plain HTTP, token user, context kind-test).
import { writeFileSync } from "node:fs";
import path from "node:path";

export function writeTestKubeconfig(dir: string, port: number, token: string, currentContext = "kind-test"): string {
  const file = path.join(dir, "config");
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters: [{name: kind, cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]
users: [{name: reader, user: {token: ${token}}}]
contexts: [{name: kind-test, context: {cluster: kind, user: reader}}]
current-context: ${currentContext}
`,
  );
  return file;
}
