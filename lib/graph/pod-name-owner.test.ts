import { describe, expect, it } from "vitest";
import { ownerByLabels, ownerByPodName, type TControllerRecord } from "./pod-name-owner";

const ns = "payments";
const c = (kind: string, name: string, workloadKey = `${kind}/${ns}/${name}`): TControllerRecord => ({ namespace: ns, kind, name, workloadKey });
const CONTROLLERS = [
  c("Deployment", "api"),
  c("ReplicaSet", "api-7c9d8b6f5d", "Deployment/payments/api"),
  c("Deployment", "api-v2"),
  c("ReplicaSet", "api-v2-5f6d7c8b9b", "Deployment/payments/api-v2"),
  c("StatefulSet", "postgres"),
  c("DaemonSet", "node-agent"),
  c("CronJob", "nightly-export"),
  c("Job", "nightly-export-28905480", "CronJob/payments/nightly-export"),
  c("Job", "migrate-db"),
];

describe("ownerByPodName", () => {
  it.each([
    ["a new pod of a known ReplicaSet", "api-7c9d8b6f5d-x2wq9", "Deployment/payments/api", "ReplicaSet"],
    ["a new pod of the other Deployment whose name has the first as prefix", "api-v2-5f6d7c8b9b-kq2lp", "Deployment/payments/api-v2", "ReplicaSet"],
    ["a new rollout: a ReplicaSet the snapshot never saw", "api-v2-6b8c9d7f4x-zz4tk", "Deployment/payments/api-v2", "Deployment"],
    ["a new rollout of the shorter name", "api-6b8c9d7f4x-zz4tk", "Deployment/payments/api", "Deployment"],
    ["a new StatefulSet ordinal", "postgres-3", "StatefulSet/payments/postgres", "StatefulSet"],
    ["a DaemonSet pod on a new node", "node-agent-9xv2c", "DaemonSet/payments/node-agent", "DaemonSet"],
    ["a new CronJob run", "nightly-export-28906920-p7x4m", "CronJob/payments/nightly-export", "CronJob"],
    ["a pod of a known CronJob run", "nightly-export-28905480-bq8nz", "CronJob/payments/nightly-export", "Job"],
    ["a Job's pod", "migrate-db-5vxkq", "Job/payments/migrate-db", "Job"],
  ])("resolves %s", (_what, pod, workloadKey, viaKind) => {
    expect(ownerByPodName(pod, CONTROLLERS)).toMatchObject({ workloadKey, via: { kind: viaKind } });
  });

  it.each([
    ["an attacker's own pod", "debug-shell"],
    ["kubectl run", "nginx"],
    ["a name that only looks like a neighbour's", "api-evil"],
    ["a random suffix outside the controllers' alphabet", "api-7c9d8b6f5d-aeiou"],
    ["an ordinal on a Deployment", "api-3"],
  ])("leaves %s unowned", (_what, pod) => {
    expect(ownerByPodName(pod, CONTROLLERS)).toBeNull();
  });
});

describe("the pod's labels", () => {
  const sel = (matchLabels: Record<string, string>) => ({ matchLabels });
  const withSelectors: TControllerRecord[] = [
    { ...c("Deployment", "api"), selector: sel({ app: "api" }) },
    { ...c("Deployment", "worker"), selector: sel({ app: "worker", tier: "jobs" }) },
    { ...c("StatefulSet", "postgres"), selector: sel({ app: "postgres" }) },
    { ...c("Deployment", "catch-all"), selector: {} },
  ];

  it("pod-template-hash names the ReplicaSet exactly, even a short hash the name pattern would not trust", () => {
    expect(ownerByPodName("api-5c4-x2wq9", CONTROLLERS)).toBeNull();
    expect(ownerByPodName("api-5c4-x2wq9", CONTROLLERS, { app: "api", "pod-template-hash": "5c4" })).toMatchObject({
      workloadKey: "Deployment/payments/api",
      via: { kind: "ReplicaSet", name: "api-5c4" },
      unseenReplicaSet: true,
    });
  });

  it("match one workload's selector, and only one", () => {
    expect(ownerByLabels({ app: "worker", tier: "jobs", version: "7" }, withSelectors)).toMatchObject({ workloadKey: "Deployment/payments/worker" });
    expect(ownerByLabels({ app: "worker" }, withSelectors)).toBeNull(); // tier missing
    expect(ownerByLabels({ app: "nothing" }, withSelectors)).toBeNull(); // an empty selector is no evidence
    const twins = [...withSelectors, { ...c("Deployment", "api-canary"), selector: sel({ app: "api" }) }];
    expect(ownerByLabels({ app: "api" }, twins)).toBeNull(); // two workloads select it: never a guess
  });
});
