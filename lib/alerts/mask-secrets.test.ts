import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MASK, maskSecrets } from "./mask-secrets";

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
    expect(maskSecrets("acct=ACME-12345 ok", [/ACME-\d+/])).toBe("acct=**** ok");
    expect(maskSecrets("pin 4321 set", [/pin (?<secret>\d+)/])).toBe("pin **** set");
    expect(maskSecrets("abc", [/x*/])).toBe("abc");
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
