// The one way to write a server action: session → permission → form-safety check → zod parse of the
// form → the data function (which authorises again and audits in its transaction) → the finding
// records brought up to date with the write → revalidation of the pages the action declares (./affected-pages) → a message or a redirect; a refusal becomes the
// form's state. A chain of our own rather than a library so the forms keep their ActionState.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ZodError, type ZodType } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { findingsCaughtUp } from "@/lib/data/finding-evaluator";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { AppError } from "@/lib/errors/app-error";
import { unsafeTextIssue } from "@/lib/validation/safe-text";
import type { ActionState } from "./action-state";
import type { Page } from "./affected-pages";

/** A submitted form read by field name; an absent field is undefined, as a schema's optional field expects. */
function formFields(formData: FormData) {
  const value = (name: string) => formData.get(name) ?? undefined;
  return {
    formData,
    value,
    /** Empty counts as absent (an optional date or select left blank). */
    filled: (name: string) => formData.get(name) || undefined,
    text: (name: string) => String(formData.get(name) ?? ""),
    all: (name: string) => formData.getAll(name),
    checked: (name: string) => formData.get(name) === "on",
    pick: <Name extends string>(...names: Name[]) => Object.fromEntries(names.map((name) => [name, value(name)])) as Record<Name, FormDataEntryValue | undefined>,
  };
}

export type FormFields = ReturnType<typeof formFields>;

// A data function names fields as paths ("0.capabilities.2"); a form has one message per named field.
function formField(path: string): string {
  return path.split(".").find((segment) => segment && !/^\d+$/.test(segment)) ?? "form";
}

// Refuses text the database cannot store, naming the field, before anything reads it.
function assertSafe(entries: Iterable<[string, unknown]>): void {
  for (const [name, value] of entries) {
    const issue = typeof value === "string" ? unsafeTextIssue(value, [name]) : null;
    if (issue) throw new AppError("VALIDATION", "Check the highlighted fields.", [{ field: name, message: `This ${issue.message}.` }]);
  }
}

// Maps what a mutation throws to what a form shows: the field it concerns where there is one.
function actionError(error: unknown, fieldOf: (path: string) => string): ActionState {
  const fieldErrors: Record<string, string> = {};
  if (error instanceof ZodError) {
    for (const issue of error.issues) fieldErrors[fieldOf(issue.path.join("."))] ??= issue.message;
    return { error: "Check the highlighted fields.", fieldErrors };
  }
  if (error instanceof AppError) {
    const details = Array.isArray(error.details) ? (error.details as { field?: string; message?: string }[]) : [];
    for (const detail of details) if (detail.field && detail.message) fieldErrors[fieldOf(detail.field)] ??= detail.message;
    return { error: error.message, fieldErrors };
  }
  if (isDatabaseUnavailable(error)) return { error: "The register's database is unavailable; nothing was saved. Try again shortly." };
  throw error;
}

function revalidate(pages: Page[]): void {
  for (const page of new Set(pages)) {
    if (typeof page === "string") revalidatePath(page);
    else revalidatePath(page[0], page[1]);
  }
}

export type FormAction<State extends ActionState = ActionState> = (prev: State, formData: FormData) => Promise<State>;

export interface FormActionSpec<Input, Result, State extends ActionState> {
  permission: Permission;
  schema: ZodType<Input>;
  /** The form read into the schema's input. */
  fields: (form: FormFields) => unknown;
  /** The data function; `form` gives what the schema does not parse (the id of the row acted on). */
  run: (actor: Actor, input: Input, form: FormFields) => Promise<Result>;
  /** The pages that show what the action changed, from the table in ./affected-pages. */
  affects: (result: Result, input: Input) => Page[];
  /** What the form shows after success; or `redirect`, where the browser goes instead. */
  success?: (result: Result, input: Input) => NoInfer<State>;
  redirect?: (result: Result, input: Input) => string;
  /** A form whose field names are not the first segment of an error's path. */
  fieldOf?: (path: string) => string;
  /** What the form shows of a refusal, when more than the mapped error. */
  refused?: (error: unknown, state: ActionState) => NoInfer<State>;
  /** Pages a refusal changes (a refusal that is itself recorded). */
  affectsWhenRefused?: (error: unknown) => Page[];
}

export function formAction<Input, Result, State extends ActionState = ActionState>(spec: FormActionSpec<Input, Result, State>): FormAction<State> {
  return async (_prev, formData) => {
    let target: string;
    try {
      const actor = await requirePermission(spec.permission);
      assertSafe(formData.entries());
      const form = formFields(formData);
      const input = spec.schema.parse(await spec.fields(form));
      const result = await spec.run(actor, input, form);
      await findingsCaughtUp();
      revalidate(spec.affects(result, input));
      if (!spec.redirect) return { ok: true, ...spec.success?.(result, input) } as State;
      target = spec.redirect(result, input);
    } catch (error) {
      revalidate(spec.affectsWhenRefused?.(error) ?? []);
      const state = actionError(error, spec.fieldOf ?? formField);
      return spec.refused ? spec.refused(error, state) : (state as State);
    }
    // Outside the try: redirect() works by throwing.
    redirect(target);
  };
}

/** An action called with bound arguments rather than a form's state (a button's `action={fn.bind(…)}`); errors throw. */
export function boundAction<Args extends string[]>(spec: {
  permission: Permission;
  run: (actor: Actor, ...args: Args) => Promise<unknown>;
  affects: (...args: Args) => Page[];
}): (...args: Args) => Promise<void> {
  return async (...args) => {
    const actor = await requirePermission(spec.permission);
    assertSafe(args.map((arg, i) => [String(i), arg]));
    await spec.run(actor, ...args);
    await findingsCaughtUp();
    revalidate(spec.affects(...args));
  };
}
