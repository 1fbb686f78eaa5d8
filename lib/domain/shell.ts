// Names that reach a shell command: DNS-1123 checks (Kubernetes object names) and POSIX quoting.

// DNS-1123: a label (namespaces, containers) and a subdomain (pods, secrets, nodes, bindings).
const LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// RBAC and ServiceAccount names are path segment names; nodes may carry upper case in some clouds: we stay strict
export const isDnsLabel = (s: string) => LABEL.test(s);
export const isDnsSubdomain = (s: string) => SUBDOMAIN.test(s);

/** POSIX single-quoting: the text arrives as one word, whatever it holds. */
export function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
