import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-2 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-sm text-slate-600">There is nothing at this address. It may have been renamed or never existed.</p>
      <Link href="/tools" className="mt-2 text-sm text-brand-700 hover:underline">
        Back to the register
      </Link>
    </main>
  );
}
