// Structured logs (pino), one logger per process.
import pino from "pino";
import { env } from "./env";

let instance: pino.Logger | undefined;

export function logger(): pino.Logger {
  instance ??= pino({ level: env().LOG_LEVEL, base: { app: "blast-radius" } });
  return instance;
}
