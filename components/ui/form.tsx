import { cloneElement, isValidElement, type ComponentProps, type ReactElement, type ReactNode } from "react";
import { cn } from "@/lib/cn";

const control =
  "block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-600";

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(control, className)} {...props} />;
}

/** A choice for a Select: its value and what it shows. */
export type Option = readonly [value: string | number, label: ReactNode];

// The options given as pairs follow any given as children (a placeholder such as "—" or "All").
export function Select({ className, options, children, ...props }: ComponentProps<"select"> & { options?: readonly Option[] }) {
  return (
    <select className={cn(control, "pr-8", className)} {...props}>
      {children}
      {options?.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </select>
  );
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea className={cn(control, className)} {...props} />;
}

type Describable = ReactElement<{ "aria-invalid"?: boolean | "true" | "false"; "aria-describedby"?: string }>;

// The control inside a field is marked invalid and described by the message beside it, so a screen
// reader announces why the value was refused; every form gets this from the one Field.
function describedControl(children: ReactNode, invalid: boolean, describedBy: string | undefined): ReactNode {
  if (!isValidElement(children) || (!invalid && !describedBy)) return children;
  const control = children as Describable;
  const ids = [control.props["aria-describedby"], describedBy].filter(Boolean).join(" ") || undefined;
  return cloneElement(control, { "aria-invalid": invalid || control.props["aria-invalid"], "aria-describedby": ids });
}

/** What is wrong with a field or a group of fields. */
export function FieldError({ id, message, className }: { id?: string; message?: string; className?: string }) {
  if (!message) return null;
  return (
    <p id={id} className={cn("text-xs font-medium text-red-700", className)}>
      {message}
    </p>
  );
}

export function Field({ label, htmlFor, error, hint, children }: { label: string; htmlFor: string; error?: string; hint?: ReactNode; children: ReactNode }) {
  const messageId = error ? `${htmlFor}-error` : hint ? `${htmlFor}-hint` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={htmlFor} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      {describedControl(children, Boolean(error), messageId)}
      {hint && !error && (
        <p id={`${htmlFor}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      <FieldError id={`${htmlFor}-error`} message={error} />
    </div>
  );
}

// What a form's submission (or the action it led to) achieved.
export function Success({ className, testId, children }: { className?: string; testId?: string; children: ReactNode }) {
  return (
    <p role="status" data-testid={testId} className={cn("rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800", className)}>
      {children}
    </p>
  );
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div role="alert" data-testid="form-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </div>
  );
}
