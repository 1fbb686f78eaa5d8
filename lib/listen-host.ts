// Which address the web server listens on. Demo users have published passwords: with them, the
// app answers only this machine unless the operator names a HOST.
export function listenHost(opts: { demoUsers: boolean; host: string | undefined }): { host: string | undefined; note: string | null } {
  if (opts.host) return { host: opts.host, note: null };
  if (opts.demoUsers) {
    return { host: "127.0.0.1", note: "listening on 127.0.0.1 only: the demo logins have known passwords (set HOST=0.0.0.0 to listen on every interface)" };
  }
  return { host: undefined, note: null };
}
