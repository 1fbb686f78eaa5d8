// Masks secret-looking values in free text (command lines, rule output) before storage and display.
// The key name stays and only the value becomes "****", so an analyst still sees what happened.
// Every built-in pattern is linear: each match attempt starts at a literal or a bounded prefix and
// its quantifiers cannot re-scan what an earlier attempt scanned (mask-secrets.test.ts measures
// each rule on its worst cases against a plain /\S+/g scan). Operator patterns run on RE2
// (mask-patterns.ts), so they are linear whatever they say.
import { applyMaskPattern, type TMaskPattern } from "./mask-patterns";

export const MASK = "****";

// `trigger` is a cheap test that every match of `pattern` passes: rules whose trigger is absent are skipped.
type TRule = {
  name: string;
  trigger: RegExp;
} & ({ pattern: RegExp; replace: string | ((match: string, ...groups: string[]) => string) } | { apply(text: string): string });

/** One built-in rule: `apply` masks what it finds in `text`. */
export interface TMaskRule {
  name: string;
  trigger: RegExp;
  apply(text: string): string;
}

// Quoted or bare value: quotes are kept around the mask so the text keeps its shape. An empty
// quoted value ("password": "") holds nothing to mask and is left as it is.
const VALUE = String.raw`("[^"\n]+"|'[^'\n]+'|[^\s"'&,;(){}[\]]+)`;
const maskValue = (value: string): string => (value.startsWith('"') ? `"${MASK}"` : value.startsWith("'") ? `'${MASK}'` : MASK);

const RULES: TRule[] = [
  // PEM private keys, also when the END line was cut off.
  {
    name: "private-key",
    trigger: /PRIVATE KEY/,
    pattern: /-----BEGIN ([A-Z0-9 ]{0,40})PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY-----|$)/g,
    replace: (_m, kind) => `-----BEGIN ${kind}PRIVATE KEY-----${MASK}-----END ${kind}PRIVATE KEY-----`,
  },
  // https://user:pass@host → https://user:****@host. The search starts at the literal "://" and
  // looks back for the scheme, so a long run of scheme characters is not re-scanned per start.
  {
    name: "url-credentials",
    trigger: /:\/\//,
    pattern: /:\/\/(?<=\b[a-z][a-z0-9+.-]{0,20}:\/\/)([^\s:@/?#]{1,256}):([^\s@/?#]{1,256})@/gi,
    replace: `://$1:${MASK}@`,
  },
  // Authorization: Bearer xyz / Authorization=Basic xyz / "authorization": "token xyz"
  {
    name: "authorization-header",
    trigger: /authorization/i,
    pattern: /\b((?:proxy-)?authorization["']?[ \t]*[:=][ \t]*["']?)(?:(bearer|basic|digest|token|negotiate)[ \t]+)?([^\s"',;]+)/gi,
    replace: (_m, head, scheme) => `${head}${scheme ? `${scheme} ` : ""}${MASK}`,
  },
  { name: "bearer", trigger: /bearer/i, pattern: /\b(bearer)[ \t]+[A-Za-z0-9\-._~+/]{8,}=*/gi, replace: `$1 ${MASK}` },
  // JWTs: header and payload both start with base64 of '{"'. See maskJwts.
  { name: "jwt", trigger: /eyJ/, apply: (text) => maskJwts(text) },
  // AWS access key ids (long-term AKIA, temporary ASIA, …).
  { name: "aws-key-id", trigger: /AKIA|ASIA|ABIA|ACCA/, pattern: /\b(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, replace: `$1${MASK}` },
  // GitHub, Slack, Stripe, Google API tokens keep their prefix, which says whose token it was.
  { name: "github-token", trigger: /gh[pousr]_/, pattern: /\b(gh[pousr]_)[A-Za-z0-9]{36,255}\b/g, replace: `$1${MASK}` },
  { name: "github-pat", trigger: /github_pat_/, pattern: /\b(github_pat_)[A-Za-z0-9_]{22,255}/g, replace: `$1${MASK}` },
  { name: "slack-token", trigger: /xox[abposre]-/, pattern: /\b(xox[abposre]-)[A-Za-z0-9-]{10,255}/g, replace: `$1${MASK}` },
  { name: "slack-webhook", trigger: /hooks\.slack\.com/, pattern: /(https:\/\/hooks\.slack\.com\/services\/)[A-Za-z0-9/]{1,255}/g, replace: `$1${MASK}` },
  { name: "stripe-key", trigger: /k_live_/, pattern: /\b([sr]k_live_)[A-Za-z0-9]{16,255}/g, replace: `$1${MASK}` },
  { name: "google-api-key", trigger: /AIza/, pattern: /\b(AIza)[0-9A-Za-z_-]{35}\b/g, replace: `$1${MASK}` },
  // Command-line flags: --password X, --password=X, -psk X (Go style), --token 'X'.
  {
    name: "cli-flag",
    trigger: /-(?:pass|pwd|token|auth-token|access-|secret|client-secret|api-?key|psk|key-password|db-password)/i,
    pattern: new RegExp(
      String.raw`(^|[\s"'])(--?(?:password|passwd|pass|pwd|token|auth-token|access-token|secret|client-secret|secret-key|access-key|api-key|apikey|psk|key-password|db-password))(=|[ \t]+)` + VALUE,
      "gi",
    ),
    replace: (_m, lead, flag, sep, value) => `${lead}${flag}${sep}${maskValue(value)}`,
  },
  // curl -u user:pass / --user user:pass
  { name: "curl-user", trigger: /-u|--user/, pattern: /(^|\s)(-u|--user)([ \t]+|=)([^\s:'"]{1,256}):([^\s'"]{1,1024})/g, replace: `$1$2$3$4:${MASK}` },
  // key=value, key = value and "key": "value": the key stays, so aws_secret_access_key=… keeps its name.
  // ("password= user=x" is an empty value, not a password "user=x".)
  {
    name: "key-value",
    trigger: /password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential/i,
    pattern: new RegExp(
      String.raw`(?<![/\\])(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)(["']?)(=|[ \t]+=[ \t]+|[ \t]*:[ \t]*)` + VALUE,
      "gi",
    ),
    replace: (_m, key, quote, sep, value) => `${key}${quote}${sep}${maskValue(value)}`,
  },
];

// mysql takes its password glued to -p (-phunter2, -p'hunter 2'); elsewhere -p is a port or a pid.
const MYSQL_CLIENT = /\b(?:mysql|mariadb|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mysqlsh)\b/i;
const MYSQL_RULE: TRule = {
  name: "mysql-p",
  trigger: MYSQL_CLIENT,
  pattern: /(^|\s)-p("[^"\n]*"|'[^'\n]*'|[^\s'"]+)/g,
  replace: (_m, lead, value) => `${lead}-p${maskValue(value)}`,
};

/** The built-in rules, in the order they run (for tests and documentation). */
export const BUILT_IN_MASK_RULES: readonly TMaskRule[] = [...RULES, MYSQL_RULE].map((rule) => {
  if ("apply" in rule) return rule;
  const { pattern, replace } = rule;
  return { name: rule.name, trigger: rule.trigger, apply: (text: string) => text.replace(pattern, replace as (m: string, ...g: string[]) => string) };
});

/**
 * What /\beyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]* / matches, in linear time. That regex starts an
 * attempt at every "eyJ" and scans the rest of the run for a dot, so "-eyJ-eyJ-eyJ…" was
 * quadratic. Here the search starts at the literal ".eyJ" of the payload, the header is found by
 * a look-behind that stops at the previous dot (each header segment is read by one attempt), and
 * the earliest header start wins, as in the original (the capture holds it).
 */
const JWT = /\.(?<=(?:^|[^A-Za-z0-9_])(eyJ[A-Za-z0-9_-]{8,})\.)eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;

function maskJwts(text: string): string {
  let out = "";
  let last = 0;
  JWT.lastIndex = 0;
  for (let m = JWT.exec(text); m !== null; m = JWT.exec(text)) {
    const start = m.index - m[1].length;
    if (start < last) continue; // its header was the signature of the JWT just masked
    out += `${text.slice(last, start)}eyJ${MASK}`;
    last = m.index + m[0].length;
  }
  return last === 0 ? text : out + text.slice(last);
}

// Every rule above (and the mysql one) needs one of these substrings: text without any skips the
// rules (most strings of a payload are names, ids and paths). Two regexes, because one
// case-insensitive alternation of them all costs twice as much. A new rule must add its trigger
// here; its test case fails otherwise.
const MAY_HOLD_SECRET_EXACT = /PRIVATE KEY|:\/\/|eyJ|AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|xox[abposre]-|_live_|AIza|-u|--user/;
const MAY_HOLD_SECRET_ANY_CASE = /pass|pwd|secret|token|key|credential|psk|authorization|bearer|mysql|mariadb/i;
const mayHoldSecret = (text: string) => MAY_HOLD_SECRET_EXACT.test(text) || MAY_HOLD_SECRET_ANY_CASE.test(text);

/** Masks secret-looking values; `extra` patterns (MASK_PATTERNS, compiled) run last. */
export function maskSecrets(text: string, extra: readonly TMaskPattern[] = []): string {
  return applyMaskRules(text, extra);
}

/**
 * Results for short strings that may hold a secret, remembered: a burst repeats the same command
 * lines thousands of times, and the rules are pure. Text without any trigger is returned at once.
 */
const MEMO_MAX_ENTRIES = 20_000;
const MEMO_MAX_LENGTH = 512;
const memo = new Map<string, string>();

/** maskSecrets with the extra patterns already compiled. */
export function applyMaskRules(text: string, extra: readonly TMaskPattern[]): string {
  if (text.length === 0) return text;
  if (extra.length > 0) return applyRules(text, extra);
  if (!mayHoldSecret(text)) return text;
  if (text.length > MEMO_MAX_LENGTH) return applyRules(text, extra);
  const hit = memo.get(text);
  if (hit !== undefined) return hit;
  const out = applyRules(text, extra);
  if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
  memo.set(text, out);
  return out;
}

function applyRules(text: string, extra: readonly TMaskPattern[]): string {
  let out = text;
  if (mayHoldSecret(out)) {
    for (const rule of BUILT_IN_MASK_RULES) if (rule.trigger.test(out)) out = rule.apply(out);
  }
  for (const pattern of extra) out = applyMaskPattern(out, pattern, MASK);
  return out;
}
