// A small cluster for alert tests: a pod whose service account reads a critical secret, and a
// harmless pod, plus a Team that owns the first namespace.
export const SHOP_YAML = (team: string) => `
apiVersion: v1
kind: Node
metadata: { name: node-a }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: api, namespace: shop }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: read-secrets, namespace: shop }
rules: [{ apiGroups: [""], resources: [secrets], verbs: [get, list] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: api-reads-secrets, namespace: shop }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: read-secrets }
subjects: [{ kind: ServiceAccount, name: api, namespace: shop }]
---
apiVersion: v1
kind: Secret
metadata: { name: db-password, namespace: shop, labels: { blastradius.dev/sensitivity: critical } }
type: Opaque
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: api-7d9f
  namespace: shop
  ownerReferences: [{ apiVersion: apps/v1, kind: Deployment, name: api, controller: true }]
spec: { template: { spec: { containers: [{ name: api, image: shop/api:1 }] } } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec: { template: { spec: { serviceAccountName: api, containers: [{ name: api, image: shop/api:1 }] } } }
---
apiVersion: v1
kind: Pod
metadata:
  name: api-7d9f-x1
  namespace: shop
  ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: api-7d9f, controller: true }]
spec:
  nodeName: node-a
  serviceAccountName: api
  containers: [{ name: api, image: shop/api:1, volumeMounts: [{ name: token, mountPath: /var/run/secrets/kubernetes.io/serviceaccount }] }]
  volumes: [{ name: token, projected: { sources: [{ serviceAccountToken: { path: token } }] } }]
---
apiVersion: v1
kind: Pod
metadata: { name: static-web, namespace: web }
spec:
  nodeName: node-a
  automountServiceAccountToken: false
  containers: [{ name: web, image: nginx:1.27 }]
---
apiVersion: blastradius.dev/v1alpha1
kind: Team
metadata: { name: ${team} }
spec: { namespaces: [shop] }
`;

/** A shell alert on SHOP_YAML's api pod (Deployment/shop/api), `minutesAgo` before now. */
export async function postShopShell(cluster: string, token: string, opts: { hostname?: string; minutesAgo?: number } = {}): Promise<Response> {
  const { makeFalcoEvent, falcoRule } = await import("../lib/demo/synthetic-falco");
  const alertsRoute = await import("../app/api/v1/alerts/[source]/route");
  const { apiRequest, params } = await import("./fixtures");
  const event = makeFalcoEvent(falcoRule("Terminal shell in container"), {
    time: new Date(Date.now() - (opts.minutesAgo ?? 1) * 60_000),
    hostname: opts.hostname ?? `${cluster}-node`,
    namespace: "shop",
    pod: "api-7d9f-x1",
    container: "api",
    image: "shop/api:1",
    fields: {},
  });
  return alertsRoute.POST(
    apiRequest(`/api/v1/alerts/falco?cluster=${cluster}`, { method: "POST", token, rawBody: JSON.stringify(event), headers: { "content-type": "application/json" } }),
    params({ source: "falco" }),
  );
}

/**
 * Uploads SHOP_YAML (plus `extraYaml`) as `cluster`, its team named `${cluster}-shop`, and makes a
 * developer token of that team and one of another team (`${cluster}-other`).
 */
export async function uploadShopCluster(cluster: string, adminToken: string, extraYaml = ""): Promise<{ developer: string; outsider: string }> {
  const { expect } = await import("vitest");
  const inventory = await import("../app/api/v1/inventory/route");
  const { apiRequest, makeToken, noParams } = await import("./fixtures");
  const { db } = await import("../lib/db/client");
  const up = await inventory.POST(
    apiRequest(`/api/v1/inventory?cluster=${cluster}`, { method: "POST", token: adminToken, rawBody: SHOP_YAML(`${cluster}-shop`) + extraYaml, headers: { "content-type": "application/yaml" } }),
    noParams,
  );
  expect(up.status).toBe(200);
  const team = await db().team.findUniqueOrThrow({ where: { name: `${cluster}-shop` } });
  const other = await db().team.create({ data: { name: `${cluster}-other`, displayName: "Other" } });
  return { developer: (await makeToken("developer", { teamIds: [team.id] })).secret, outsider: (await makeToken("developer", { teamIds: [other.id] })).secret };
}

// Namespace shop whose default service account reads a critical Secret (so a pod the inventory
// does not show reaches it), beside a critical PostgreSQL Service on a pod without a token.
export const DEFAULT_READS_SECRET_YAML = `
apiVersion: v1
kind: Node
metadata: {name: node-a}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: shop}
---
apiVersion: v1
kind: Secret
metadata: {name: db-password, namespace: shop, labels: {blastradius.dev/sensitivity: critical}}
type: Opaque
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: read-secrets, namespace: shop}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: default-reads-secrets, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: read-secrets}
subjects: [{kind: ServiceAccount, name: default, namespace: shop}]
---
apiVersion: v1
kind: Pod
metadata: {name: postgres-0, namespace: shop, labels: {app: postgres}}
spec:
  nodeName: node-a
  automountServiceAccountToken: false
  containers: [{name: pg, image: postgres:16, ports: [{containerPort: 5432}]}]
---
apiVersion: v1
kind: Service
metadata: {name: postgres, namespace: shop, annotations: {blastradius.dev/sensitivity: critical}}
spec: {selector: {app: postgres}, ports: [{port: 5432}]}
`;
