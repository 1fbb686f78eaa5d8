// "#server-only" in a browser bundle: Next.js refuses to build a client module graph that imports
// "server-only", so a client component that reaches a server module fails `next build`.
import "server-only";
