// Classifies database errors so the API can answer 404 / 409 / 503 instead of 500.

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "53300", // too_many_connections
  "08000",
  "08003",
  "08006",
  "P1001", // Prisma: can't reach database server
  "P1017", // Prisma: server closed the connection
]);

const CONNECTION_MESSAGES = [
  "Connection terminated",
  "connect ECONNREFUSED",
  "Can't reach database server",
  "timeout exceeded when trying to connect",
  "the database system is shutting down",
  "the database system is starting up",
  "Client has encountered a connection error",
  "DatabaseNotReachable",
  "terminating connection due to administrator command",
];

function* chain(err: unknown): Generator<Record<string, unknown>> {
  let current: unknown = err;
  for (let depth = 0; depth < 6 && current && typeof current === "object"; depth++) {
    const obj = current as Record<string, unknown>;
    yield obj;
    current = obj.cause ?? (obj.meta as Record<string, unknown> | undefined)?.driverAdapterError;
  }
}

export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of chain(err)) {
    const code = e.code ?? (e as { errorCode?: unknown }).errorCode;
    if (typeof code === "string" && CONNECTION_CODES.has(code)) return true;
    const kind = (e as { kind?: unknown }).kind;
    if (typeof kind === "string" && /Connection|DatabaseNotReachable|SocketTimeout/.test(kind)) return true;
    const message = typeof e.message === "string" ? e.message : "";
    if (CONNECTION_MESSAGES.some((m) => message.includes(m))) return true;
    if ((e as { name?: unknown }).name === "PrismaClientInitializationError") return true;
  }
  return false;
}

export function prismaCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown })?.code;
  return typeof code === "string" ? code : undefined;
}
