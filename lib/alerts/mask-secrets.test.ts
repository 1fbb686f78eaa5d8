import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileMaskPatterns, MaskPatternError } from "./mask-patterns";
import { BUILT_IN_MASK_RULES, MASK, maskSecrets } from "./mask-secrets";

// Each case: the text, the secret that must disappear, and what must stay so the analyst sees what happened.
const CASES: [string, string, string, string][] = [
  ["--password flag", "mysql -u root --password hunter2 -h db", "hunter2", "--password ****"],
  ["--password= flag", "app --password=hunter2 --verbose", "hunter2", "--password=****"],
  ["quoted flag value", `psql --password 'correct horse' -d x`, "correct horse", `--password '****'`],
  ["mysql -p glued", "mysql -uroot -phunter2 payments", "hunter2", "-p****"],
  ["mysql -p quoted", "mysqldump -p'hunter 2' db", "hunter 2", "-p'****'"],
  ["AWS secret env", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY aws s3 ls", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AWS_SECRET_ACCESS_KEY=****"],
  ["aws config line", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI", "aws_secret_access_key = ****"],
  ["AWS access key id", "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "IOSFODNN7EXAMPLE", "AWS_ACCESS_KEY_ID="],
  ["bare AWS key id", "creds AKIAIOSFODNN7EXAMPLE found", "AKIAIOSFODNN7EXAMPLE", `AKIA${MASK}`],
  ["temporary key id", "ASIAY34FZKBOKMUTVV7A", "Y34FZKBOKMUTVV7A", `ASIA${MASK}`],
  [
    "bearer header",
    "curl -H 'Authorization: Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJl' https://kubernetes.default.svc/api",
    "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ",
    "Authorization: Bearer ****",
  ],
  ["bare JWT", "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "dozjgNryP4J3jVmNHl0w5N", `eyJ${MASK}`],
  ["password=", "connect password=s3cr3t&user=app", "s3cr3t", "password=****&user=app"],
  ["JSON password", `{"user":"app","password":"s3cr3t"}`, "s3cr3t", `"password":"****"`],
  ["token=", "https://api.example.com/v1?token=abcdef123456", "abcdef123456", "token=****"],
  ["api_key=", "API_KEY=0123456789abcdef ./run", "0123456789abcdef", "API_KEY=****"],
  ["pwd=", "login pwd=letmein", "letmein", "pwd=****"],
  ["URL credentials", "git clone https://deploy:ghs_Secret123@github.com/org/repo.git", "ghs_Secret123", `https://deploy:${MASK}@github.com`],
  ["GitHub token", "GH=ghp_0123456789abcdefghijABCDEFGHIJ012345 gh api", "0123456789abcdefghij", `ghp_${MASK}`],
  ["Slack token", "SLACK=xoxb-123456789012-abcdefABCDEF", "123456789012-abcdef", `xoxb-${MASK}`],
  ["private key", "echo '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----' > k", "MIIEowIBAAKCAQEA7", "-----BEGIN RSA PRIVATE KEY-----****"],
  ["cut private key", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA", "b3BlbnNzaC1rZXktdjEAAAAA", "-----BEGIN OPENSSH PRIVATE KEY-----"],
  ["curl -u", "curl -u admin:hunter2 http://x", "hunter2", "-u admin:****"],
  ["Go flag -psk", "main -url https://c2:443 -proto h2 -psk SecurePSK!23@456", "SecurePSK", "-psk ****"],
];

describe("maskSecrets", () => {
  it.each(CASES)("%s", (_name, text, secret, kept) => {
    const masked = maskSecrets(text);
    expect(masked).not.toContain(secret);
    expect(masked).toContain(kept);
    expect(masked).toContain(MASK);
  });

  it("leaves ordinary command lines and Falco output alone", () => {
    const plain = [
      "nsenter -t 1 -m -u -n -i -p bash",
      "ssh -p 2222 host",
      "cat /etc/passwd",
      "sh -c clear; (bash || ash || sh)",
      "Notice A shell was spawned in a container with an attached terminal (user=root user_loginuid=-1 k8s.ns=default)",
      "PASSWORD_FILE=/run/secrets/db ./start",
      "cat /var/run/secrets/kubernetes.io/serviceaccount/token",
      "max_tokens=100 tokenizer=bpe",
      "login password= user=bob",
    ];
    for (const text of plain) expect(maskSecrets(text)).toBe(text);
  });

  it("applies extra patterns, masking only a named secret group when there is one", () => {
    expect(maskSecrets("acct=ACME-12345 ok", compileMaskPatterns("ACME-\\d+"))).toBe("acct=**** ok");
    expect(maskSecrets("pin 4321 set, pin 99 set", compileMaskPatterns("pin (?P<secret>\\d+) set"))).toBe("pin **** set, pin **** set");
    expect(maskSecrets("pin 4321 set", compileMaskPatterns("pin (?<secret>\\d+)"))).toBe("pin **** set");
    expect(maskSecrets("Ünïcode ACME-7 ok", compileMaskPatterns("(?i)acme-\\d+"))).toBe("Ünïcode **** ok");
    expect(maskSecrets("abc", compileMaskPatterns("x*"))).toBe("abc");
  });

  it("compiles MASK_PATTERNS once, line by line, and names the line of an invalid one", () => {
    expect(compileMaskPatterns("a+\n\n  b+  \n").map((p) => p.source)).toEqual(["a+", "b+"]);
    expect(compileMaskPatterns("a+\nb+")).toBe(compileMaskPatterns("a+\nb+"));
    expect(() => compileMaskPatterns("ok\n\nbad(")).toThrow(MaskPatternError);
    expect(() => compileMaskPatterns("ok\n\nbad(")).toThrow(/line 3.*bad\(.*missing closing \)/);
    // RE2 refuses what would need backtracking, so no operator pattern can be catastrophic
    expect(() => compileMaskPatterns("(a)\\1")).toThrow(/line 1/);
  });

  it("runs operator patterns in linear time, even ones that backtrack exponentially in JavaScript", () => {
    const [pattern] = compileMaskPatterns("(a+)+b");
    const started = performance.now();
    expect(maskSecrets("a".repeat(32 * 1024), [pattern])).toBe("a".repeat(32 * 1024));
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom(...CASES.map((c) => c[1])), (noise, text) => {
        const once = maskSecrets(`${noise} ${text}`);
        expect(maskSecrets(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it("stays linear on adversarial text", () => {
    const inputs = [
      "a.".repeat(200_000),
      "password=".repeat(50_000),
      "-----BEGIN PRIVATE KEY-----".repeat(20_000),
      "http://".repeat(50_000) + "a:b",
      "--password ".repeat(50_000),
      `x://${"a".repeat(300_000)}:`,
    ];
    const started = Date.now();
    for (const text of inputs) maskSecrets(text);
    // Quadratic backtracking on these would take minutes; linear takes well under a second.
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

// Worst cases for each built-in rule at the masking window (32 KiB = 4 × the 8 KiB field cap):
// repeated prefixes (a new match attempt at each) and long runs of each quantified class. A rule
// that re-scans per attempt (as the JWT rule once did on "-eyJ-eyJ…") is quadratic here.
const WINDOW = 32 * 1024;
const fill = (unit: string) => unit.repeat(Math.ceil(WINDOW / unit.length)).slice(0, WINDOW);
const tail = (head: string, unit: string) => (head + fill(unit)).slice(0, WINDOW);
const WORST_CASES: Record<string, string[]> = {
  "private-key": [fill("-----BEGIN PRIVATE KEY-----"), tail("-----BEGIN RSA PRIVATE KEY-----", "x"), tail("-----BEGIN PRIVATE KEY-----", "-----END AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), fill("-----BEGIN AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")],
  "url-credentials": [fill("a://"), tail("://", "a-"), fill(`a.${"b".repeat(19)}://`), fill(`a://${"x".repeat(255)}:${"y".repeat(255)}`), tail("a://x:", "y")],
  "authorization-header": [fill("authorization"), tail("authorization:", " "), tail("authorization: bearer ", "x"), fill("proxy-authorization=")],
  bearer: [fill("bearer "), tail("bearer", " "), tail("bearer ", "x"), fill("bearer xxxxxxx ")],
  jwt: [fill("-eyJ"), fill("eyJ"), tail("eyJ", "a"), fill("-eyJaaaaaaaa."), fill("eyJaaaaaaaa.eyJaaaaaaa."), fill(".eyJ"), fill("x.eyJaaaaaaaa."), tail("eyJaaaaaaaa.eyJaaaaaaaa", ".")],
  "aws-key-id": [fill("AKIA"), tail("AKIA", "A"), fill(" AKIAAAAAAAAAAAAAAAA")],
  "github-token": [fill("ghp_"), fill(`-ghp_${"a".repeat(300)}`), tail("ghp_", "a")],
  "github-pat": [fill("github_pat_"), tail("github_pat_", "a"), fill(`-github_pat_${"a".repeat(21)}`)],
  "slack-token": [fill("xoxb-"), tail("xoxb-", "a"), fill("-xoxb-aaaaaaaaa")],
  "slack-webhook": [fill("https://hooks.slack.com/services/"), tail("https://hooks.slack.com/services/", "a/")],
  "stripe-key": [fill("sk_live_"), tail("sk_live_", "a"), fill(`-sk_live_${"a".repeat(15)}`)],
  "google-api-key": [fill("AIza"), tail("AIza", "a"), fill(`-AIza${"a".repeat(34)}`)],
  "cli-flag": [fill(" --password "), tail(" --password", " "), tail(' --token "', "x"), tail(" --token '", "x"), fill(" -psk"), tail(" --secret=", "x")],
  "curl-user": [fill(" -u "), tail(" -u ", "x"), fill(` -u ${"x".repeat(256)}`), tail(" -u x:", "y"), fill(" --user=x:")],
  "key-value": [fill("password="), tail("password", " "), tail('password="', "x"), tail("token:", " "), fill("secret \t"), fill('"token":"'), tail("api_key = '", "x"), fill("credentials")],
  "mysql-p": [fill("mysql -p"), tail("mysql -p'", "x"), tail('mysql -p"', "x"), fill(" -p")],
};

// Text made of real secrets back to back, each followed by a space: every one is a replacement,
// and the same bound holds against a scan of the same text.
const DENSE: Record<string, string> = {
  "private-key": "-----BEGIN PRIVATE KEY-----x-----END PRIVATE KEY-----",
  "url-credentials": "a://u:p@h ",
  "authorization-header": "authorization:x ",
  bearer: "bearer xxxxxxxx ",
  jwt: "-eyJ-eyJ-eyJ.eyJaaaaaaaa.x ",
  "aws-key-id": "AKIAAAAAAAAAAAAAAAAA ",
  "github-token": `ghp_${"a".repeat(36)} `,
  "github-pat": `github_pat_${"a".repeat(22)} `,
  "slack-token": "xoxb-aaaaaaaaaa ",
  "slack-webhook": "https://hooks.slack.com/services/a ",
  "stripe-key": `sk_live_${"a".repeat(16)} `,
  "google-api-key": `AIza${"a".repeat(35)} `,
  "cli-flag": " -psk x",
  "curl-user": " -u a:b",
  "key-value": "pwd=x ",
  "mysql-p": " -px",
};

/** Time per call of `fn`, repeating it for at least 2 ms. */
function timeMs(fn: () => unknown): number {
  let n = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    fn();
    n++;
    elapsed = performance.now() - started;
  } while (elapsed < 2);
  return elapsed / n;
}

/**
 * How many times a /\S+/g scan of `text` one masking pass costs: median of 5 rounds, each timing
 * both back to back (so a slow moment of a shared machine weighs on both), after a warm-up long
 * enough for the JIT to optimize, as on a server masking event after event.
 */
function costVersusScan(apply: (text: string) => string, text: string): { ratio: number; maskMs: number; scanMs: number } {
  const scan = () => text.replace(/\S+/g, (m) => m);
  const mask = () => apply(text);
  for (const warmUntil = performance.now() + 20; performance.now() < warmUntil; ) {
    scan();
    mask();
  }
  const rounds = Array.from({ length: 5 }, () => {
    const scanMs = timeMs(scan);
    const maskMs = timeMs(mask);
    return { ratio: maskMs / scanMs, maskMs, scanMs };
  });
  return rounds.sort((a, b) => a.ratio - b.ratio)[2];
}

/**
 * How much longer a masking pass takes on all of `text` than on its first quarter: about 4 when
 * linear (5 measured), 16 when quadratic (11 measured on a 2-core machine). V8 sometimes runs a
 * regular expression in its interpreter (after a garbage collection flushed its compiled code)
 * and is then slower by a constant factor on both, which this ratio does not see (a full test run
 * on 2 busy cores measured bearer at 105 × the scan once, 1 × standing alone).
 */
function growth(apply: (text: string) => string, text: string): number {
  const quarter = text.slice(0, text.length / 4);
  const rounds = Array.from({ length: 5 }, () => timeMs(() => apply(text)) / timeMs(() => apply(quarter)));
  return rounds.sort((a, b) => a - b)[2];
}

/** At most 20 × a scan; or, when a slow moment of the regular-expression engine says otherwise, linear. */
function expectCheap(name: string, apply: (text: string) => string, text: string) {
  const { ratio, maskMs, scanMs } = costVersusScan(apply, text);
  if (ratio <= 20) return;
  const grows = growth(apply, text);
  if (grows > 8) throw new Error(`${name} on ${JSON.stringify(text.slice(0, 40))}…: ${ratio.toFixed(1)} × a /\\S+/g scan (${maskMs.toFixed(3)} ms vs ${scanMs.toFixed(3)} ms), ${grows.toFixed(1)} × slower on 4 × the text`);
}

describe("built-in masking rules on their worst cases", () => {
  it("finds JWTs exactly where the regular expression it replaced does", () => {
    const jwt = BUILT_IN_MASK_RULES.find((r) => r.name === "jwt")!;
    const REGEX = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
    const piece = fc.constantFrom("eyJ", "eyJaaaaaaaa", "aaaa", ".", "-", "_", "x", " ", "e", "yJ", "aaaaaaaa");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join("");
        expect(jwt.apply(text)).toBe(text.replace(REGEX, `eyJ${MASK}`));
      }),
      { numRuns: 2_000 },
    );
  });

  it("has worst cases for every rule", () => {
    expect(Object.keys(WORST_CASES).sort()).toEqual(BUILT_IN_MASK_RULES.map((r) => r.name).sort());
  });

  it.each(BUILT_IN_MASK_RULES.map((r) => [r.name, r] as const))("%s costs at most 20 × a /\\S+/g scan of the same 32 KiB text", (_name, rule) => {
    for (const text of WORST_CASES[rule.name]) {
      expect(text.length).toBe(WINDOW);
      expectCheap(rule.name, rule.apply, text);
    }
  });

  it.each(BUILT_IN_MASK_RULES.map((r) => [r.name, r] as const))("%s masks text packed with secrets at most 20 × a /\\S+/g scan of it", (_name, rule) => {
    const unit = DENSE[rule.name];
    expect(rule.apply(unit)).toContain(MASK);
    expectCheap(rule.name, rule.apply, fill(unit));
  });
});
