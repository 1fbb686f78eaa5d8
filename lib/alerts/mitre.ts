// MITRE ATT&CK techniques and tactics from rule tags: Falco writes "T1611", "mitre_privilege_escalation"
// and sometimes a tactic id ("TA0003") where a technique would go; Tetragon policies may tag alike.
import type { TMitre } from "./types";

/** The enterprise tactics, with the short names used in `TMitre.tactics`. */
export const MITRE_TACTICS: readonly { id: string; shortName: string; name: string }[] = [
  { id: "TA0043", shortName: "reconnaissance", name: "Reconnaissance" },
  { id: "TA0042", shortName: "resource-development", name: "Resource Development" },
  { id: "TA0001", shortName: "initial-access", name: "Initial Access" },
  { id: "TA0002", shortName: "execution", name: "Execution" },
  { id: "TA0003", shortName: "persistence", name: "Persistence" },
  { id: "TA0004", shortName: "privilege-escalation", name: "Privilege Escalation" },
  { id: "TA0005", shortName: "defense-evasion", name: "Defense Evasion" },
  { id: "TA0006", shortName: "credential-access", name: "Credential Access" },
  { id: "TA0007", shortName: "discovery", name: "Discovery" },
  { id: "TA0008", shortName: "lateral-movement", name: "Lateral Movement" },
  { id: "TA0009", shortName: "collection", name: "Collection" },
  { id: "TA0011", shortName: "command-and-control", name: "Command and Control" },
  { id: "TA0010", shortName: "exfiltration", name: "Exfiltration" },
  { id: "TA0040", shortName: "impact", name: "Impact" },
];

const BY_ID = new Map(MITRE_TACTICS.map((t) => [t.id, t.shortName]));
const BY_SHORT = new Set(MITRE_TACTICS.map((t) => t.shortName));
const TECHNIQUE = /^T\d{4}(?:\.\d{3})?$/;
const TACTIC_ID = /^TA\d{4}$/;

/** Techniques and tactics named by the tags, each once, in tag order; other tags are ignored. */
export function mitreFromTags(tags: readonly string[]): TMitre {
  const techniques: string[] = [];
  const tactics: string[] = [];
  for (const raw of tags) {
    if (typeof raw !== "string" || raw.length > 64) continue;
    const tag = raw.trim();
    const upper = tag.toUpperCase();
    if (TECHNIQUE.test(upper)) pushOnce(techniques, upper);
    else if (TACTIC_ID.test(upper)) {
      const short = BY_ID.get(upper);
      if (short) pushOnce(tactics, short);
    } else if (/^mitre[_.:-]/i.test(tag)) {
      const short = tag.slice(6).toLowerCase().replace(/[_\s]+/g, "-");
      if (BY_SHORT.has(short)) pushOnce(tactics, short);
    }
  }
  return { techniques, tactics };
}

function pushOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}
