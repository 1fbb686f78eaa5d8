import Link from "next/link";

export default function WorkloadNotFound() {
  return (
    <div className="flex flex-col items-center gap-3 px-4 py-16 text-center">
      <p className="text-sm font-medium text-muted">404</p>
      <h1 className="text-xl font-semibold">Workload not found</h1>
      <p className="max-w-md text-sm text-muted">It is not in a kept inventory snapshot, or it belongs to a team you are not a member of.</p>
      <Link href="/workloads" className="text-sm text-accent underline">
        Back to workloads
      </Link>
    </div>
  );
}
