"use client";
// One alert of an incident: rule, time, the process that did it, what it touched, where it ran,
// the attack-path steps it shows, and the raw event on demand. Every string an attacker could
// shape (command lines, file names, output) is rendered as React text, never as HTML.
import { useState } from "react";
import type { TIncidentAlert } from "@/lib/queries/incidents";
import { RelativeTime } from "../ui/relative-time";
import { SeverityLabel } from "./severity-label";

function Field({ label, children, wide }: { label: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <div className={`flex min-w-0 flex-col gap-0.5 ${wide ? "sm:col-span-2" : ""}`}>
      <dt className="text-[11px] font-medium uppercase tracking-wide text-muted">{label}</dt>
      <dd className="min-w-0 break-all font-mono text-xs">{children}</dd>
    </div>
  );
}

const none = <span className="font-sans text-muted">—</span>;

export function AlertCard({ alert, highlighted }: { alert: TIncidentAlert; highlighted: boolean }) {
  const [raw, setRaw] = useState(false);
  const a = alert;
  const peer = a.peerIp ? `${a.peerIp}${a.peerPort ? `:${a.peerPort}` : ""}${a.protocol ? ` (${a.protocol})` : ""}` : null;
  return (
    <article
      id={`alert-${a.id}`}
      tabIndex={-1}
      aria-label={`${a.rule} at ${a.time}`}
      data-testid="alert-card"
      className={`flex flex-col gap-3 rounded-lg border p-3 outline-none ${highlighted ? "border-danger ring-2 ring-danger/40" : "border-border"}`}
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 className="text-sm font-semibold">{a.rule}</h3>
        <SeverityLabel severity={a.severity} />
        <span className="text-xs text-muted">
          <time dateTime={a.time}>{new Date(a.time).toISOString().replace("T", " ").slice(0, 19)} UTC</time> · <RelativeTime iso={a.time} /> · {a.source}
        </span>
      </header>
      <dl className="grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-4">
        <Field label="Command line" wide>
          <code data-testid="alert-cmdline">{a.procCmdline ?? "—"}</code>
        </Field>
        <Field label="Process">{a.procName ?? none}</Field>
        <Field label="Parent · user">
          {a.procParent ?? "—"} · {a.procUser ?? a.auditUser ?? "—"}
        </Field>
        {a.file ? <Field label="File">{a.file}</Field> : null}
        {peer ? <Field label="Network peer">{peer}</Field> : null}
        {!a.file && !peer ? <Field label="File / network">{none}</Field> : null}
        <Field label="Container">
          {a.container ?? "—"}
          {a.pod ? <span className="text-muted"> in {a.pod}</span> : null}
        </Field>
        <Field label="Image" wide>
          {a.image ?? none}
        </Field>
      </dl>
      {a.evidence?.length ? (
        <ul className="flex flex-col gap-1">
          {a.evidence.map((e, i) => (
            <li key={i} className="flex flex-wrap items-center gap-2 text-xs">
              <span className="rounded border border-danger/50 px-1.5 py-0.5 font-mono font-semibold text-danger">{e.edge}</span>
              <span className="text-muted">{e.detail}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {a.output ? <p className="break-all rounded bg-surface-2 px-2 py-1.5 font-mono text-xs text-muted">{a.output}</p> : null}
      <div>
        <button type="button" aria-expanded={raw} onClick={() => setRaw((r) => !r)} className="text-xs text-accent hover:underline">
          {raw ? "Hide raw event" : "Show raw event (JSON)"}
        </button>
        {raw ? (
          <pre className="mt-2 max-h-96 overflow-auto whitespace-pre-wrap break-all rounded bg-surface-2 p-2 font-mono text-xs" data-testid="alert-raw">
            {JSON.stringify(a.raw, null, 2)}
          </pre>
        ) : null}
      </div>
    </article>
  );
}
