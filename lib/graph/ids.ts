// Vertex identifiers exactly as DESIGN.md "Identifiers" spells them: the CLI, the API and the
// graph share them, so every module builds them here.

export const UNSCHEDULED_NODE = "unscheduled";

export const vid = {
  node: (name: string) => `Node/${name}`,
  pod: (ns: string, pod: string) => `Pod/${ns}/${pod}`,
  container: (ns: string, pod: string, container: string) => `Container/${ns}/${pod}/${container}`,
  volume: (ns: string, pod: string, volume: string) => `Volume/${ns}/${pod}/${volume}`,
  endpoint: (ns: string, owner: string, port: string | number) => `Endpoint/${ns}/${owner}/${port}`,
  serviceAccount: (ns: string, name: string) => `ServiceAccount/${ns}/${name}`,
  user: (name: string) => `User/${name}`,
  group: (name: string) => `Group/${name}`,
  secret: (ns: string, name: string) => `Secret/${ns}/${name}`,
  service: (ns: string, name: string) => `Service/${ns}/${name}`,
  cloudRole: (name: string) => `CloudRole/${name}`,
  sensitiveAsset: (name: string) => `SensitiveAsset/${name}`,
  controlPlane: (cluster: string) => `ControlPlane/${cluster}`,
  metadataService: (node: string) => `MetadataService/${node}`,
};

/** The vertex kind is the identifier's first segment. */
export function kindOfId(id: string): string {
  const slash = id.indexOf("/");
  return slash < 0 ? id : id.slice(0, slash);
}
