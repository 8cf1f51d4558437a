// What a page of the register shows while its data loads: the shape of a page (title, description,
// a strip of facts, a table) in the app's own cards, so nothing jumps when the page arrives.
//
// Only pages without a record of their own use it (their folder's loading.tsx): a loading boundary
// starts the response at once, with a 200, so a page that may answer notFound() (a tool, a grant, an
// incident…) would lose its 404; those render in one piece.
function Bar({ className }: { className: string }) {
  return <div className={`rounded bg-slate-200 ${className}`} />;
}

export function PageSkeleton() {
  return (
    <div aria-busy="true" aria-live="polite" data-testid="page-loading">
      <span className="sr-only">Loading…</span>
      <div aria-hidden className="animate-pulse motion-reduce:animate-none">
        <Bar className="mb-2 h-3 w-24" />
        <Bar className="mb-2 h-7 w-64 max-w-full" />
        <Bar className="mb-6 h-4 w-[32rem] max-w-full" />
        <div className="mb-6 grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm md:grid-cols-4">
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className="space-y-2">
              <Bar className="h-3 w-16" />
              <Bar className="h-4 w-24" />
            </div>
          ))}
        </div>
        <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
          <div className="border-b border-slate-100 px-4 py-3">
            <Bar className="h-4 w-40" />
          </div>
          <div className="divide-y divide-slate-100">
            {[0, 1, 2, 3, 4, 5].map((i) => (
              <div key={i} className="flex items-center gap-4 px-4 py-3">
                <Bar className="h-4 w-1/4" />
                <Bar className="h-4 w-16" />
                <Bar className="hidden h-4 w-1/3 sm:block" />
                <Bar className="ml-auto h-4 w-12" />
              </div>
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
