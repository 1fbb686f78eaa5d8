import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  // component tests render JSX with React's automatic runtime (Next compiles it for the app)
  esbuild: { jsx: "automatic" },
  resolve: { alias: { "@": path.resolve(__dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "app/**/*.test.ts", "test/**/*.test.ts", "components/**/*.test.tsx"],
    environment: "node",
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup-env.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
