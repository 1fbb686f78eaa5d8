import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".data/**",
      "lib/db/generated/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    // DESIGN.md "Layers, enforced": database access lives in lib/db. Everything else calls its
    // functions and never node-postgres, the Prisma client or the generated models. Tests set up
    // and inspect state directly; the benchmark harness observes the app's database from outside.
    files: ["app/**/*.ts", "app/**/*.tsx", "components/**/*.ts", "components/**/*.tsx", "lib/**/*.ts", "scripts/**/*.ts", "*.ts"],
    ignores: ["lib/db/**", "**/*.test.ts", "**/*.test.tsx", "test/**", "e2e/**", "scripts/bench/**", "prisma.config.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["pg", "pg-copy-streams", "@prisma/client", "@prisma/adapter-pg"].map((name) => ({
            name,
            message: "database drivers are used in lib/db only: call a lib/db function",
          })),
          patterns: [
            { group: ["**/db/generated/*", "**/db/generated", "@/lib/db/generated/*"], message: "the generated Prisma models are lib/db's own" },
            { group: ["**/db/client", "@/lib/db/client"], importNames: ["db", "Prisma"], message: "the Prisma client is lib/db's own: call a lib/db function" },
          ],
        },
      ],
    },
  },
  {
    // DESIGN.md "Layers, enforced": the pure core — the attack graph, inventory parsing, alert
    // normalization — does no I/O and knows nothing of storage, the web or the workers.
    files: ["lib/graph/**/*.ts", "lib/inventory/**/*.ts", "lib/alerts/**/*.ts", "lib/remediation/**/*.ts"],
    ignores: ["**/*.test.ts", "lib/alerts/test-fixtures.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["pg", "@prisma/*", "**/db", "**/db/*"], message: "the pure core does not touch the database (lib/db is the storage layer)" },
            { group: ["node:fs", "node:fs/*", "node:http", "node:https", "node:net", "node:child_process", "node:os", "node:worker_threads"], message: "the pure core does no I/O" },
            { group: ["next", "next/*", "**/snapshots/*", "**/incidents/*", "**/workers/*", "**/api/*", "**/log"], message: "the pure core depends on nothing above it" },
          ],
        },
      ],
    },
  },
  {
    // The browser's code reads the API, never the database or the server's modules.
    files: ["components/**/*.ts", "components/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["pg", "@prisma/*", "@/lib/db/*", "**/lib/db/*"], message: "components read the API (lib/queries), not the database" },
            { group: ["node:*"], message: "components run in the browser" },
          ],
        },
      ],
    },
  },
  {
    // CommonJS entry points run by node directly (scripts/serve.cjs): require is how they load.
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
];

export default config;
