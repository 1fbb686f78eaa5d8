// Kubernetes label selectors (matchLabels + matchExpressions), compiled once and matched many
// times: NetworkPolicy peers and ClusterRole aggregation both evaluate them for every pod or role.
import type { TLabels } from "./types";

export interface TLabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[] | null;
}

export interface TLabelSelector {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: TLabelSelectorRequirement[] | null;
}

export type TLabelMatcher = (labels: TLabels | undefined | null) => boolean;

const EMPTY: TLabels = {};
const matchEverything: TLabelMatcher = () => true;
const matchNothing: TLabelMatcher = () => false;

/**
 * An empty selector `{}` matches every object; a null one matches nothing; an unknown operator
 * makes the whole selector match nothing, as the API server refuses such a selector.
 * Source: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#resources-that-support-set-based-requirements
 */
export function compileLabelSelector(selector: TLabelSelector | null | undefined): TLabelMatcher {
  if (selector === null || selector === undefined) return matchNothing;
  const pairs = Object.entries(selector.matchLabels ?? EMPTY);
  const expressions = selector.matchExpressions ?? [];
  if (pairs.length === 0 && expressions.length === 0) return matchEverything;

  const tests: TLabelMatcher[] = [];
  for (const [key, value] of pairs) tests.push((labels) => labels?.[key] === value);
  for (const requirement of expressions) {
    const test = compileRequirement(requirement);
    if (test === null) return matchNothing;
    tests.push(test);
  }
  if (tests.length === 1) return tests[0];
  return (labels) => {
    for (const test of tests) if (!test(labels)) return false;
    return true;
  };
}

// NotIn and DoesNotExist also match objects that lack the key (labels.Selector semantics).
function compileRequirement({ key, operator, values }: TLabelSelectorRequirement): TLabelMatcher | null {
  const set = new Set(values ?? []);
  const has: TLabelMatcher = (labels) => !!labels && Object.hasOwn(labels, key);
  switch (operator) {
    case "In":
      return (labels) => !!labels && Object.hasOwn(labels, key) && set.has(labels[key]);
    case "NotIn":
      return (labels) => !labels || !Object.hasOwn(labels, key) || !set.has(labels[key]);
    case "Exists":
      return has;
    case "DoesNotExist":
      return (labels) => !has(labels);
    default:
      return null;
  }
}

/** Convenience for one-off checks; compile once with compileLabelSelector in loops. */
export function matchesLabelSelector(selector: TLabelSelector | null | undefined, labels: TLabels | undefined): boolean {
  return compileLabelSelector(selector)(labels);
}
