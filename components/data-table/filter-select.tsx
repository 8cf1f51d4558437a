import { Select, type Option } from "@/components/ui/form";

// One labelled filter of a table toolbar; options are [value, label] pairs, after "All" (the empty
// value) unless the filter always has a value.
export function FilterSelect({
  id,
  label,
  value,
  options,
  onChange,
  className = "w-44",
  all = true,
}: {
  id: string;
  label: string;
  value: string;
  options: readonly Option[];
  onChange: (value: string) => void;
  className?: string;
  all?: boolean;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">
        {label}
      </label>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)} options={options}>
        {all && <option value="">All</option>}
      </Select>
    </div>
  );
}
