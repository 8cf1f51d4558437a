const STYLES = {
  // The small tables inside cards.
  compact: { row: "text-left text-xs text-slate-500", cell: "py-1 font-medium" },
  // Reference tables that rule their header off (the policy's).
  ruled: { row: "border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500", cell: "py-2 pr-4 font-medium last:pr-0" },
} as const;

// The header row of a plain (not register) table: its column labels.
export function TableHeader({ columns, variant = "compact" }: { columns: readonly string[]; variant?: keyof typeof STYLES }) {
  const style = STYLES[variant];
  return (
    <thead className={style.row}>
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col" className={style.cell}>
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
