"use client";

import Link from "next/link";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";

// A page that failed to render, inside the app's shell: say so plainly, offer to try again (the cause
// is often passing, like the database restarting) and a way back. The server's log has the details;
// the digest lets someone find them without the page showing what failed.
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <div role="alert" className="mx-auto mt-10 max-w-lg rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm" data-testid="page-error">
      <p className="text-sm font-semibold text-red-700">Error</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-600">This page could not be shown. Trying again loads it afresh.</p>
      {digest && (
        <p className="mt-2 text-xs text-slate-600">
          If it keeps failing, give whoever runs the register this reference: <span className="font-mono">{digest}</span>
        </p>
      )}
      <div className="mt-5 flex flex-wrap items-center justify-center gap-3">
        <Button type="button" onClick={() => retry()}>
          Try again
        </Button>
        <Link href="/" className="text-sm font-medium text-brand-700 hover:underline">
          Back to the overview
        </Link>
      </div>
    </div>
  );
}
