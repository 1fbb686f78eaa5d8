import Link from "next/link";

// Inside the app's layout, so the navigation bar is there to go on from.
export default function Forbidden() {
  return (
    <div className="flex flex-col items-center justify-center gap-3 py-24 text-center">
      <h1 className="text-xl font-semibold">Your role cannot open this page</h1>
      <p className="max-w-md text-sm text-muted">The pages your role can open are in the bar above. Ask an administrator if you need access to this one.</p>
      <Link href="/incidents" className="text-sm text-accent underline">
        Back to incidents
      </Link>
    </div>
  );
}
