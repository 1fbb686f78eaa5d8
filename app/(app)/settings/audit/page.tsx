import type { Metadata } from "next";
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
              <Td>{e.actorLabel}</Td>
              <Td className="font-mono text-xs">{e.action}</Td>
              <Td className="font-mono text-xs">
                {e.targetType}
                {e.targetId ? `/${e.targetId}` : ""}
              </Td>
              <Td className="max-w-md truncate font-mono text-xs text-muted">{e.details ? JSON.stringify(e.details) : ""}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
