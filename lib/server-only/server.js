// "#server-only" on the server (Node, tsx, Vitest, Next's server layers): nothing to do.
