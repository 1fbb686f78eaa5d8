// Masks secret-looking values in free text (command lines, rule output) before storage and display.
// The key name stays and only the value becomes "****", so an analyst still sees what happened.
// Every built-in pattern is linear: bounded or literal-anchored quantifiers, no nested repetition.

export const MASK = "****";

// `trigger` is a cheap test that every match of `pattern` passes: rules whose trigger is absent are skipped.
type TRule = { trigger: RegExp; pattern: RegExp; replace: string | ((match: string, ...groups: string[]) => string) };

// Quoted or bare value: quotes are kept around the mask so the text keeps its shape.
const VALUE = String.raw`("[^"\n]*"|'[^'\n]*'|[^\s"'&,;(){}[\]]+)`;
const maskValue = (value: string): string => (value.startsWith('"') ? `"${MASK}"` : value.startsWith("'") ? `'${MASK}'` : MASK);

const RULES: TRule[] = [
  // PEM private keys, also when the END line was cut off.
  {
    trigger: /PRIVATE KEY/,
    pattern: /-----BEGIN ([A-Z0-9 ]{0,40})PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY-----|$)/g,
    replace: (_m, kind) => `-----BEGIN ${kind}PRIVATE KEY-----${MASK}-----END ${kind}PRIVATE KEY-----`,
  },
  // https://user:pass@host → https://user:****@host
  { trigger: /:\/\//, pattern: /\b([a-z][a-z0-9+.-]{0,20}:\/\/)([^\s:@/?#]{1,256}):([^\s@/?#]{1,256})@/gi, replace: `$1$2:${MASK}@` },
  // Authorization: Bearer xyz / Authorization=Basic xyz / "authorization": "token xyz"
  {
    trigger: /authorization/i,
    pattern: /\b((?:proxy-)?authorization["']?[ \t]*[:=][ \t]*["']?)(?:(bearer|basic|digest|token|negotiate)[ \t]+)?([^\s"',;]+)/gi,
    replace: (_m, head, scheme) => `${head}${scheme ? `${scheme} ` : ""}${MASK}`,
  },
  { trigger: /bearer/i, pattern: /\b(bearer)[ \t]+[A-Za-z0-9\-._~+/]{8,}=*/gi, replace: `$1 ${MASK}` },
  // JWTs: header and payload both start with base64 of '{"'.
  { trigger: /eyJ/, pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, replace: `eyJ${MASK}` },
  // AWS access key ids (long-term AKIA, temporary ASIA, …).
  { trigger: /AKIA|ASIA|ABIA|ACCA/, pattern: /\b(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, replace: `$1${MASK}` },
  // GitHub, Slack, Stripe, Google API tokens keep their prefix, which says whose token it was.
  { trigger: /gh[pousr]_/, pattern: /\b(gh[pousr]_)[A-Za-z0-9]{36,255}\b/g, replace: `$1${MASK}` },
  { trigger: /github_pat_/, pattern: /\b(github_pat_)[A-Za-z0-9_]{22,255}/g, replace: `$1${MASK}` },
  { trigger: /xox[abposre]-/, pattern: /\b(xox[abposre]-)[A-Za-z0-9-]{10,255}/g, replace: `$1${MASK}` },
  { trigger: /hooks\.slack\.com/, pattern: /(https:\/\/hooks\.slack\.com\/services\/)[A-Za-z0-9/]{1,255}/g, replace: `$1${MASK}` },
  { trigger: /k_live_/, pattern: /\b([sr]k_live_)[A-Za-z0-9]{16,255}/g, replace: `$1${MASK}` },
  { trigger: /AIza/, pattern: /\b(AIza)[0-9A-Za-z_-]{35}\b/g, replace: `$1${MASK}` },
  // Command-line flags: --password X, --password=X, -psk X (Go style), --token 'X'.
  {
    trigger: /-(?:pass|pwd|token|auth-token|access-|secret|client-secret|api-?key|psk|key-password|db-password)/i,
    pattern: new RegExp(
      String.raw`(^|[\s"'])(--?(?:password|passwd|pass|pwd|token|auth-token|access-token|secret|client-secret|secret-key|access-key|api-key|apikey|psk|key-password|db-password))(=|[ \t]+)` + VALUE,
      "gi",
    ),
    replace: (_m, lead, flag, sep, value) => `${lead}${flag}${sep}${maskValue(value)}`,
  },
  // curl -u user:pass / --user user:pass
  { trigger: /-u|--user/, pattern: /(^|\s)(-u|--user)([ \t]+|=)([^\s:'"]{1,256}):([^\s'"]{1,1024})/g, replace: `$1$2$3$4:${MASK}` },
  // key=value, key = value and "key": "value": the key stays, so aws_secret_access_key=… keeps its name.
  // ("password= user=x" is an empty value, not a password "user=x".)
  {
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
const MYSQL_PASSWORD = /(^|\s)-p("[^"\n]*"|'[^'\n]*'|[^\s'"]+)/g;

// Every rule above (and the mysql one) needs one of these substrings: text without any skips the
// rules (most strings of a payload are names, ids and paths). Two regexes, because one
// case-insensitive alternation of them all costs twice as much. A new rule must add its trigger
// here; its test case fails otherwise.
const MAY_HOLD_SECRET_EXACT = /PRIVATE KEY|:\/\/|eyJ|AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|xox[abposre]-|_live_|AIza|-u|--user/;
const MAY_HOLD_SECRET_ANY_CASE = /pass|pwd|secret|token|key|credential|psk|authorization|bearer|mysql|mariadb/i;
const mayHoldSecret = (text: string) => MAY_HOLD_SECRET_EXACT.test(text) || MAY_HOLD_SECRET_ANY_CASE.test(text);

/** Masks secret-looking values; `extra` patterns run last (a named group `secret` masks just that part). */
export function maskSecrets(text: string, extra?: readonly RegExp[]): string {
  return applyMaskRules(text, compileExtraPatterns(extra));
}

/** Global copies of the extra patterns, compiled once for a whole payload. */
export function compileExtraPatterns(extra: readonly RegExp[] | undefined): RegExp[] {
  if (!extra || extra.length === 0) return [];
  return extra.map((re) => new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`));
}

/**
 * Results for short strings that may hold a secret, remembered: a burst repeats the same command
 * lines thousands of times, and the rules are pure. Text without any trigger is returned at once.
 */
const MEMO_MAX_ENTRIES = 20_000;
const MEMO_MAX_LENGTH = 512;
const memo = new Map<string, string>();

/** maskSecrets with the extra patterns already compiled. */
export function applyMaskRules(text: string, extra: readonly RegExp[]): string {
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

function applyRules(text: string, extra: readonly RegExp[]): string {
  let out = text;
  if (mayHoldSecret(out)) {
    for (const rule of RULES) if (rule.trigger.test(out)) out = out.replace(rule.pattern, rule.replace as (m: string, ...g: string[]) => string);
  }
  if (MYSQL_CLIENT.test(out)) out = out.replace(MYSQL_PASSWORD, (_m, lead: string, value: string) => `${lead}-p${maskValue(value)}`);
  for (const re of extra) {
    re.lastIndex = 0;
    out = out.replace(re, (...args: unknown[]) => {
      const match = args[0] as string;
      if (match === "") return "";
      const groups = args[args.length - 1];
      const secret = typeof groups === "object" && groups !== null ? (groups as Record<string, string | undefined>).secret : undefined;
      return typeof secret === "string" && secret !== "" ? match.replace(secret, MASK) : MASK;
    });
  }
  return out;
}
