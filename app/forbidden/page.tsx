import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 px-4 text-center">
      <h1 className="text-xl font-semibold">Your role cannot open this page</h1>
      <p className="max-w-md text-sm text-muted">Ask an administrator if you need access.</p>
      <Link href="/incidents" className="text-sm text-accent underline">
        Back to incidents
      </Link>
    </main>
  );
}
