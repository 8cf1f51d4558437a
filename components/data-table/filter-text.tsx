import { Input } from "@/components/ui/form";

// A filter typed rather than picked, for lists too long for a select (every tool of a register of
// 100,000): applied on Enter or when the field is left, suggestions from `suggestions`.
export function FilterText({ id, label, value, suggestions, onChange, className = "w-48" }: { id: string; label: string; value: string; suggestions: readonly string[]; onChange: (value: string) => void; className?: string }) {
  const apply = (next: string) => {
    if (next.trim() !== value) onChange(next.trim());
  };
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">
        {label}
      </label>
      <Input
        id={id}
        key={value}
        type="search"
        defaultValue={value}
        list={`${id}-suggestions`}
        placeholder="Any"
        onBlur={(event) => apply(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") apply(event.currentTarget.value);
        }}
      />
      <datalist id={`${id}-suggestions`}>
        {suggestions.map((suggestion) => (
          <option key={suggestion} value={suggestion} />
        ))}
      </datalist>
    </div>
  );
}
