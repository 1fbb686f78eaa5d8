import { z } from "zod";
import { route } from "@/lib/api/handler";
import { scopeOf } from "@/lib/auth/scope";
import { findAcceptedRisk } from "@/lib/db/accepted-risks";
import { missing } from "@/lib/errors";
import { exceptionName, kyvernoPolicyExceptionYaml } from "@/lib/export/kyverno-exception";
import { presentAcceptedRisk } from "@/lib/ownership/accepted-risks";

// Kyverno names: a policy is a DNS-1123 subdomain; rule names are at most 63 characters.
const ZPolicy = z.string().regex(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, "must be a Kyverno policy name (DNS-1123 subdomain)");
const ZRule = z.string().regex(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/, "must be a rule name (letters, digits, '-', '_', '.'; at most 63)");

/** The accepted risk as a Kyverno PolicyException (kyverno.io/v2) for the named policy and rules, as YAML. */
export const GET = route({
  permission: "workload.read",
  params: z.object({ id: z.string().min(1).max(64) }),
  query: z.object({
    policyName: ZPolicy,
    /** comma-separated */
    ruleNames: z
      .string()
      .min(1)
      .max(2000)
      .transform((s) => s.split(",").map((r) => r.trim()).filter(Boolean))
      .pipe(z.array(ZRule).min(1, "name at least one rule").max(50)),
  }),
  handler: async ({ actor, params, query }) => {
    const row = await findAcceptedRisk(params.id, scopeOf(actor));
    if (!row) throw missing("accepted risk");
    const risk = presentAcceptedRisk(row);
    return new Response(kyvernoPolicyExceptionYaml(risk, { policyName: query.policyName, ruleNames: query.ruleNames }), {
      headers: {
        "Content-Type": "application/yaml; charset=utf-8",
        "Content-Disposition": `attachment; filename="${exceptionName(risk)}.yaml"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
});
