"use client";

import Link from "next/link";
import "./globals.css";

// When even the root layout fails, this replaces the whole document: no shell, so its own html and
// body and the app's styles.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <html lang="en">
      <body>
        <title>Something went wrong · GenAI Risk Register</title>
        <main role="alert" className="mx-auto mt-24 max-w-lg px-4 text-center">
          <p className="text-sm font-semibold text-red-700">Error</p>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">Something went wrong</h1>
          <p className="mt-2 text-sm text-slate-600">The register could not be shown. Try again in a moment.</p>
          {digest && (
            <p className="mt-2 text-xs text-slate-600">
              If it keeps failing, give whoever runs the register this reference: <span className="font-mono">{digest}</span>
            </p>
          )}
          <div className="mt-5 flex flex-wrap items-center justify-center gap-3">
            <button type="button" onClick={() => retry()} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
              Try again
            </button>
            <Link href="/" className="text-sm font-medium text-brand-700 hover:underline">
              Back to the overview
            </Link>
          </div>
        </main>
      </body>
    </html>
  );
}
