import { createHash } from "node:crypto";
import { z } from "zod";
import { route } from "@/lib/api/handler";
import { notFound } from "@/lib/api/errors";
import { scopeOf } from "@/lib/auth/scope";
import { findIncident, incidentAlerts } from "@/lib/db/incidents-read";

/** Alerts in one bundle at most; a bigger incident says so (`truncated`) and keeps the newest. */
const BUNDLE_MAX = 50_000;

// Evidence before anything is killed (DESIGN.md "Contain and fix"): every alert of the incident as
// received (the raw event included) in one JSON document, its SHA-256 in X-Content-SHA256 and in a
// Digest header, so the file handed on can be checked against what the server sent.
export const GET = route({
  permission: "incident.read",
  params: z.object({ id: z.string().min(1).max(64) }),
  handler: async ({ actor, params }) => {
    const scope = scopeOf(actor);
    const row = await findIncident(params.id, scope);
    if (!row) throw notFound("incident");
    const alerts = await incidentAlerts(row.id, scope, BUNDLE_MAX + 1);
    const body = JSON.stringify({
      incident: { id: row.id, title: row.title, cluster: row.cluster, namespace: row.namespace, workload: row.workloadKey },
      generatedAt: new Date().toISOString(),
      count: Math.min(alerts.length, BUNDLE_MAX),
      truncated: alerts.length > BUNDLE_MAX,
      // as received: the graph steps matched to each alert are the app's reading, not evidence
      alerts: alerts.slice(0, BUNDLE_MAX).map((a) => Object.fromEntries(Object.entries(a).filter(([k]) => k !== "evidence"))),
    });
    const digest = createHash("sha256").update(body, "utf8");
    const hex = digest.copy().digest("hex");
    return new Response(body, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="incident-${row.id.replace(/[^A-Za-z0-9_-]/g, "_")}-alerts.json"`,
        "Cache-Control": "no-store",
        "X-Content-SHA256": hex,
        Digest: `sha-256=${digest.digest("base64")}`,
      },
    });
  },
});
