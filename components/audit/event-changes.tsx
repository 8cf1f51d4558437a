// An audit event's before/after, as "field: old → new" lines; long values are cut, the log keeps them whole.
const MAX = 90;

function show(value: unknown): string {
  if (value === undefined || value === null) return "—";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

export function EventChanges({ before, after }: { before: unknown; after: unknown }) {
  const b = asRecord(before);
  const a = asRecord(after);
  if (!a && !b) {
    if (before === null && after === null) return null;
    return (
      <p className="text-xs text-slate-600 wrap-anywhere">
        {show(before)} → {show(after)}
      </p>
    );
  }
  const blank = (v: unknown) => v === undefined || v === null || v === "";
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])].filter((key) => !(blank(b?.[key]) && blank(a?.[key])));
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs">
      {keys.map((key) => {
        const old = b?.[key];
        const now = a?.[key];
        const changed = b !== null && JSON.stringify(old) !== JSON.stringify(now);
        return (
          <div key={key} className="contents">
            <dt className="text-slate-500 wrap-anywhere">{key}</dt>
            <dd className="wrap-anywhere text-slate-700">
              {changed ? (
                <>
                  <span className="text-slate-500 line-through">{show(old)}</span> → {show(now)}
                </>
              ) : (
                show(now ?? old)
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
