// Production server (started by scripts/start.ts): loads our TypeScript through tsx, then stops
// tsx before Next.js loads its compiled bundle, so the app runs at full speed.
// Usage: node scripts/serve.cjs <port> [host]
const path = require("node:path");
const { register } = require("tsx/cjs/api");

const unregister = register();
const { createAppServer, newClientIpSecret } = require("../lib/net/app-server.ts");
unregister();

const root = path.resolve(__dirname, "..");
const port = Number(process.argv[2] || 3000);
const host = process.argv[3] || undefined;
process.env.NODE_ENV = "production";
process.env.BR_CLIENT_IP_SECRET ||= newClientIpSecret();

const next = require("next");
const app = next({ dev: false, dir: root, hostname: host || "localhost", port });
app
  .prepare()
  .then(() => {
    const server = createAppServer(app.getRequestHandler(), { trustedProxies: process.env.TRUSTED_PROXIES, secret: process.env.BR_CLIENT_IP_SECRET });
    server.listen(port, host, () => console.log(`[blast-radius] web server on ${host || "all interfaces"}:${port}`));
    const stop = () => server.close(() => process.exit(0));
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  })
  .catch((err) => {
    console.error(`[blast-radius] web server failed: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  });
