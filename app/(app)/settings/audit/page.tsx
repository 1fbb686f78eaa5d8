import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/current-user";
import { listAudit } from "@/lib/db/audit";
import { PageHeader } from "@/components/layout/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/relative-time";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  await requireActor("audit.read");
  const entries = await listAudit({ limit: 200 });
  return (
    <>
      <PageHeader title="Audit log" description="The latest 200 changes, newest first." />
      <Table label="Audit log">
        <thead>
          <tr>
            <Th>When</Th>
            <Th>Who</Th>
            <Th>Action</Th>
            <Th>Target</Th>
            <Th>Details</Th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <Td className="whitespace-nowrap">
                <RelativeTime iso={e.at.toISOString()} />
              </Td>
              <Td>
                <div className="font-medium">{e.actorName}</div>
                {e.actorName !== e.actorLabel ? <div className="text-xs text-muted">{e.actorLabel}</div> : null}
              </Td>
              <Td className="font-mono text-xs">{e.action}</Td>
              <Td className="font-mono text-xs">
                {e.targetType === "incident" && e.targetId ? (
                  <Link href={`/incidents/${encodeURIComponent(e.targetId)}`} className="text-accent hover:underline">
                    incident
                  </Link>
                ) : (
                  <span title={e.targetId ?? undefined}>{e.targetType}</span>
                )}
              </Td>
              <Td className="max-w-md font-mono text-xs text-muted">
                {e.details ? (
                  <details>
                    <summary className="cursor-pointer truncate">{JSON.stringify(e.details)}</summary>
                    <pre className="mt-1 whitespace-pre-wrap break-all">{JSON.stringify(e.details, null, 2)}</pre>
                  </details>
                ) : null}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
