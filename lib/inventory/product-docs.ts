// The product's own documents (DESIGN.md "Inputs"): SensitiveAsset, CloudRole and Team in
// `blastradius.dev/v1alpha1`, validated and turned into typed records.
import { z } from "zod";
import { SENSITIVITIES, type TCloudRoleDoc, type TSensitiveAsset, type TTeamDoc } from "./types";

export const PRODUCT_GROUP = "blastradius.dev";
export const PRODUCT_API_VERSION = "blastradius.dev/v1alpha1";

const ASSET_TYPES = ["bucket", "database", "secret-store", "kms", "queue", "api", "other"] as const;
const ZName = z.object({ name: z.string().min(1) });
const ZStrings = z.array(z.string().min(1)).nullish();

const ZSensitiveAsset = z.object({
  metadata: ZName,
  spec: z.object({
    type: z.enum(ASSET_TYPES),
    sensitivity: z.enum(SENSITIVITIES as [string, ...string[]]),
    reachableVia: z
      .object({
        cloudRoles: ZStrings,
        // "ns/service" or "ns/service:port" (port by number or name)
        services: z.array(z.string().regex(/^[^/\s:]+\/[^/\s:]+(:[^/\s:]+)?$/, 'expected "namespace/service" or "namespace/service:port"')).nullish(),
      })
      .nullish(),
  }),
});

const ZCloudRole = z.object({
  metadata: ZName,
  spec: z.object({ nodes: z.array(z.string().min(1)) }),
});

const ZTeam = z.object({
  metadata: ZName,
  spec: z.object({
    namespaces: ZStrings,
    selectors: z.array(z.string().regex(/^[^=\s]+=[^=\s]*$/, 'expected "key=value"')).nullish(),
  }),
});

export type TProductDoc =
  | { kind: "SensitiveAsset"; record: TSensitiveAsset }
  | { kind: "CloudRole"; record: TCloudRoleDoc }
  | { kind: "Team"; record: TTeamDoc };

export const PRODUCT_KINDS = ["SensitiveAsset", "CloudRole", "Team"] as const;

/** Validates one product document; returns the zod error for the caller to name the field. */
export function readProductDoc(kind: (typeof PRODUCT_KINDS)[number], value: unknown): { doc: TProductDoc } | { error: z.ZodError } {
  switch (kind) {
    case "SensitiveAsset": {
      const parsed = ZSensitiveAsset.safeParse(value);
      if (!parsed.success) return { error: parsed.error };
      const { metadata, spec } = parsed.data;
      const record: TSensitiveAsset = {
        name: metadata.name,
        type: spec.type,
        sensitivity: spec.sensitivity as TSensitiveAsset["sensitivity"],
        cloudRoles: spec.reachableVia?.cloudRoles ?? [],
        services: spec.reachableVia?.services ?? [],
      };
      return { doc: { kind, record } };
    }
    case "CloudRole": {
      const parsed = ZCloudRole.safeParse(value);
      if (!parsed.success) return { error: parsed.error };
      return { doc: { kind, record: { name: parsed.data.metadata.name, nodes: parsed.data.spec.nodes } } };
    }
    case "Team": {
      const parsed = ZTeam.safeParse(value);
      if (!parsed.success) return { error: parsed.error };
      const { metadata, spec } = parsed.data;
      return { doc: { kind, record: { name: metadata.name, namespaces: spec.namespaces ?? [], selectors: spec.selectors ?? [] } } };
    }
  }
}
