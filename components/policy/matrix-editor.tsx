"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { humanize } from "@/components/domain-badges";
import { describeRequirement } from "@/components/grants/required-approvals";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FormError, Select, Success, Textarea } from "@/components/ui/form";
import { previewPolicyAction, saveApprovalMatrixAction } from "@/lib/actions/policy.actions";
import type { ActionState } from "@/lib/actions/action-state";
import { describeTrigger } from "@/lib/policy/approvals";
import type { ApprovalRequirement, ApprovalTrigger, Policy } from "@/lib/policy/policy";
import { comparePolicies, loosensAny } from "@/lib/policy/policy-change";
import { AUTONOMY_LEVELS, CAPABILITY_CLASSES, DATA_SENSITIVITIES, TIERS, type CapabilityClass } from "@/lib/policy/types";
import { withMatrix, type MatrixFields } from "@/lib/validation/policy-form";
import { policySchema } from "@/lib/validation/policy.validation";
import { MatrixPreviewPanel } from "./matrix-preview";

// Rows and conditions carry a key of their own, so React keeps each one's inputs as rows move.
interface DraftCondition {
  key: number;
  trigger: ApprovalTrigger;
}
interface DraftRow extends ApprovalRequirement {
  key: number;
  when: DraftCondition[];
}
interface Draft {
  highImpactClasses: CapabilityClass[];
  base: ApprovalRequirement;
  rows: DraftRow[];
  /** The next unused key. */
  next: number;
}

const MAX_ROWS = 20;

function draftOf(policy: Policy): Draft {
  let key = 0;
  const rows = policy.approvals.rows.map((row) => ({ key: ++key, count: row.count, seniorRequired: row.seniorRequired, when: row.when.map((trigger) => ({ key: ++key, trigger: { ...trigger } })) }));
  return { highImpactClasses: [...policy.highImpactClasses], base: { ...policy.approvals.base }, rows, next: key + 1 };
}

const matrixOf = (draft: Draft): MatrixFields => ({
  highImpactClasses: draft.highImpactClasses,
  approvals: { base: draft.base, rows: draft.rows.map((row) => ({ count: row.count, seniorRequired: row.seniorRequired, when: row.when.map((c) => c.trigger) })) },
});

// A list condition: picking nothing removes the test rather than leaving an empty list.
function toggled<T extends string>(list: readonly T[] | undefined, value: T, on: boolean): T[] | undefined {
  const next = on ? [...(list ?? []), value] : (list ?? []).filter((v) => v !== value);
  return next.length > 0 ? next : undefined;
}

function withoutUnset(trigger: ApprovalTrigger): ApprovalTrigger {
  return Object.fromEntries(Object.entries(trigger).filter(([, value]) => value !== undefined)) as ApprovalTrigger;
}

// Abbreviations keep their capitals ("PII"); other values read as words.
const optionLabel = (value: string) => (value === "PII" ? value : humanize(value));

function CheckboxGroup<T extends string>({ legend, options, checked, onChange, idPrefix }: { legend: string; options: readonly T[]; checked: readonly T[]; onChange: (value: T, on: boolean) => void; idPrefix: string }) {
  return (
    <fieldset className="min-w-0 space-y-1">
      <legend className="text-xs font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((option) => (
          <label key={option} htmlFor={`${idPrefix}-${option}`} className="flex items-center gap-1.5 text-sm text-slate-700">
            <input id={`${idPrefix}-${option}`} type="checkbox" checked={checked.includes(option)} onChange={(event) => onChange(option, event.target.checked)} className="rounded border-slate-300" />
            {optionLabel(option)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function RequirementFields({ idPrefix, value, onChange, label }: { idPrefix: string; value: ApprovalRequirement; onChange: (value: ApprovalRequirement) => void; label: string }) {
  return (
    <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
      {/* The row's name is read out with each control; on screen, the row's heading says it. */}
      <div className="w-56 max-w-full space-y-1">
        <label htmlFor={`${idPrefix}-count`} className="block text-xs font-medium text-slate-700">
          <span className="sr-only">{label}: </span>Approvals
        </label>
        <Select
          id={`${idPrefix}-count`}
          value={value.count}
          onChange={(event) => onChange({ ...value, count: Number(event.target.value) === 2 ? 2 : 1 })}
          options={[
            [1, "1 reviewer"],
            [2, "2 distinct reviewers"],
          ]}
        />
      </div>
      <label htmlFor={`${idPrefix}-senior`} className="flex items-center gap-1.5 pb-1.5 text-sm text-slate-700">
        <input id={`${idPrefix}-senior`} type="checkbox" checked={value.seniorRequired} onChange={(event) => onChange({ ...value, seniorRequired: event.target.checked })} className="rounded border-slate-300" />
        <span className="sr-only">{label}: </span>A senior reviewer must approve
      </label>
    </div>
  );
}

function ConditionFields({ idPrefix, name, open, trigger, highImpactClasses, onChange, onRemove, canRemove, error }: {
  idPrefix: string;
  name: string;
  /** Unfolded at first: a condition just added; the others read as one line until opened. */
  open: boolean;
  trigger: ApprovalTrigger;
  highImpactClasses: readonly CapabilityClass[];
  onChange: (trigger: ApprovalTrigger) => void;
  onRemove: () => void;
  canRemove: boolean;
  error?: string;
}) {
  const set = (patch: Partial<ApprovalTrigger>) => onChange(withoutUnset({ ...trigger, ...patch }));
  const words = describeTrigger(trigger, highImpactClasses);
  return (
    <div className="min-w-0">
      <details open={open} className="group min-w-0 rounded-md border border-slate-200 bg-slate-50/60">
        <summary className="flex cursor-pointer items-baseline gap-2 px-3 py-2 text-sm text-slate-700">
          <span aria-hidden className="text-xs text-slate-500 transition-transform group-open:rotate-90">
            ▸
          </span>
          <span className="min-w-0">
            <span className="font-medium text-slate-900">{name}:</span> {words || <span className="text-red-700">no test yet</span>}
          </span>
        </summary>
        <fieldset className="min-w-0 space-y-3 border-t border-slate-200 p-3" aria-describedby={error ? `${idPrefix}-error` : undefined}>
          <legend className="sr-only">{name}</legend>
          <div className="grid gap-x-6 gap-y-3 lg:grid-cols-[minmax(0,14rem)_minmax(0,1fr)]">
            <div className="space-y-3">
              <Field label="Tier at least" htmlFor={`${idPrefix}-tier`}>
                <Select id={`${idPrefix}-tier`} value={trigger.tierAtLeast ?? ""} onChange={(event) => set({ tierAtLeast: (event.target.value || undefined) as ApprovalTrigger["tierAtLeast"] })} options={TIERS.map((tier) => [tier, humanize(tier)])}>
                  <option value="">Any tier</option>
                </Select>
              </Field>
              <Field label="Autonomy at least" htmlFor={`${idPrefix}-autonomy`}>
                <Select
                  id={`${idPrefix}-autonomy`}
                  value={trigger.autonomyAtLeast ?? ""}
                  onChange={(event) => set({ autonomyAtLeast: (event.target.value || undefined) as ApprovalTrigger["autonomyAtLeast"] })}
                  options={AUTONOMY_LEVELS.map((level) => [level, humanize(level)])}
                >
                  <option value="">Any autonomy</option>
                </Select>
              </Field>
              <label htmlFor={`${idPrefix}-critical`} className="flex items-center gap-1.5 text-sm text-slate-700">
                <input id={`${idPrefix}-critical`} type="checkbox" checked={trigger.criticalPath === true} onChange={(event) => set({ criticalPath: event.target.checked ? true : undefined })} className="rounded border-slate-300" />
                Only on a critical business path
              </label>
            </div>
            <div className="space-y-3">
              <CheckboxGroup legend="Data sensitivity is one of" idPrefix={`${idPrefix}-data`} options={DATA_SENSITIVITIES} checked={trigger.dataSensitivityIn ?? []} onChange={(value, on) => set({ dataSensitivityIn: toggled(trigger.dataSensitivityIn, value, on) })} />
              <CheckboxGroup legend="Holds a capability of class" idPrefix={`${idPrefix}-classes`} options={CAPABILITY_CLASSES} checked={trigger.capabilityClassIn ?? []} onChange={(value, on) => set({ capabilityClassIn: toggled(trigger.capabilityClassIn, value, on) })} />
            </div>
          </div>
          {canRemove && (
            <Button type="button" variant="ghost" className="px-2 py-1 text-xs text-red-700" onClick={onRemove} aria-label={`Remove this condition (${name.toLowerCase()})`}>
              Remove this condition
            </Button>
          )}
        </fieldset>
      </details>
      <FieldError id={`${idPrefix}-error`} message={error} className="mt-1" />
    </div>
  );
}

function RowHeader({ index, count, idPrefix, onMove, onRemove, children }: { index: number; count: number; idPrefix: string; onMove: (by: -1 | 1) => void; onRemove: () => void; children: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <h4 className="text-sm font-semibold text-slate-900">{children}</h4>
      <div className="flex flex-wrap gap-1.5">
        <Button type="button" variant="secondary" className="px-2 py-1 text-xs" id={`${idPrefix}-up`} disabled={index === 0} onClick={() => onMove(-1)} aria-label={`Move row ${index + 1} up`}>
          <span aria-hidden>↑</span> Up
        </Button>
        <Button type="button" variant="secondary" className="px-2 py-1 text-xs" id={`${idPrefix}-down`} disabled={index === count - 1} onClick={() => onMove(1)} aria-label={`Move row ${index + 1} down`}>
          <span aria-hidden>↓</span> Down
        </Button>
        <Button type="button" variant="secondary" className="px-2 py-1 text-xs text-red-700" onClick={onRemove} aria-label={`Remove row ${index + 1}`}>
          Remove
        </Button>
      </div>
    </div>
  );
}

// Errors of the draft by their path in the policy ("approvals.rows.0.when.1"), from the schema the API uses.
function draftErrors(draft: Policy): Record<string, string> {
  const parsed = policySchema.safeParse(draft);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[issue.path.join(".")] ??= issue.message;
  return errors;
}

/**
 * The approval matrix as an editor: rows added, removed, moved and changed in the page, then a
 * preview of what the draft would do to the pending and approved grants, then a save through the
 * same versioned update as the thresholds (a loosening becomes a proposal).
 */
export function MatrixEditor({ policy, version }: { policy: Policy; version: number }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(policy));
  // Keys from here on were made in this editor: their conditions start unfolded.
  const [firstNewKey] = useState(draft.next);
  const [announcement, setAnnouncement] = useState("");
  // Where focus goes once a move, an addition or a removal has rendered: the row's control has a new place.
  const focusNext = useRef<string | null>(null);
  const setFocusId = (id: string) => (focusNext.current = id);
  const [tried, setTried] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const [saveState, dispatchSave, saving] = useActionState<ActionState, FormData>(saveApprovalMatrixAction, {});
  const [previewState, dispatchPreview, previewing] = useActionState(previewPolicyAction, {});
  // Which draft, against which version and before which save, the preview on screen was asked for:
  // a successful save makes it history, a refused one (a note too short) does not.
  const [previewedFor, setPreviewedFor] = useState<{ key: string; save: ActionState } | null>(null);

  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  const matrix = matrixOf(draft);
  const proposed = withMatrix(policy, matrix) as Policy;
  const errors = draftErrors(proposed);
  const valid = Object.keys(errors).length === 0;
  const loosens = valid && loosensAny(comparePolicies(policy, proposed));
  const draftKey = `${version}:${JSON.stringify(matrix)}`;
  const previewCurrent = !previewing && previewState.preview !== undefined && previewedFor?.key === draftKey && (previewedFor.save === saveState || !saveState.ok);
  const shown = (path: string) => (tried ? errors[path] : undefined) ?? saveState.fieldErrors?.[path] ?? previewState.fieldErrors?.[path];

  const update = (change: (draft: Draft) => Draft) => setDraft(change(draft));
  const updateRow = (key: number, change: (row: DraftRow) => DraftRow) => update((d) => ({ ...d, rows: d.rows.map((row) => (row.key === key ? change(row) : row)) }));

  function moveRow(index: number, by: -1 | 1) {
    const target = index + by;
    const rows = [...draft.rows];
    [rows[index], rows[target]] = [rows[target], rows[index]];
    setDraft({ ...draft, rows });
    // Focus stays on the button pressed, now on the row's new place; at an end, on its other button.
    const edge = target === 0 || target === rows.length - 1;
    setFocusId(`matrix-row-${rows[target].key}-${edge ? (by === -1 ? "down" : "up") : by === -1 ? "up" : "down"}`);
    setAnnouncement(`Row ${index + 1} moved ${by === -1 ? "up" : "down"} to position ${target + 1}.`);
  }

  function removeRow(index: number) {
    const rows = draft.rows.filter((_, i) => i !== index);
    setDraft({ ...draft, rows });
    setFocusId("matrix-add-row");
    setAnnouncement(`Row ${index + 1} removed.`);
  }

  function addRow() {
    const row: DraftRow = { key: draft.next, count: 1, seniorRequired: true, when: [{ key: draft.next + 1, trigger: {} }] };
    setDraft({ ...draft, rows: [...draft.rows, row], next: draft.next + 2 });
    setFocusId(`matrix-row-${row.key}-c${row.when[0].key}-tier`);
    setAnnouncement(`Row ${draft.rows.length + 1} added at the end: give it a condition.`);
  }

  function preview() {
    setTried(true);
    if (!valid || !formRef.current) return;
    const form = new FormData(formRef.current);
    setPreviewedFor({ key: draftKey, save: saveState });
    startTransition(() => dispatchPreview(form));
  }

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTried(true);
    if (!valid || !previewCurrent) return;
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatchSave(form));
  }

  return (
    <form ref={formRef} onSubmit={save} aria-label="Approval matrix editor" noValidate className="space-y-5">
      <input type="hidden" name="basedOnVersion" value={version} />
      <input type="hidden" name="matrix" value={JSON.stringify(matrix)} />
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      <FormError message={saveState.error ?? previewState.error} />
      {saveState.ok && <Success>{saveState.message}</Success>}

      <fieldset disabled={saving} className="min-w-0 space-y-5">
        <section className="space-y-2" aria-labelledby="matrix-base-heading">
          <h4 id="matrix-base-heading" className="text-sm font-semibold text-slate-900">
            Any grant
          </h4>
          <RequirementFields idPrefix="matrix-base" label="Any grant" value={draft.base} onChange={(base) => update((d) => ({ ...d, base }))} />
        </section>

        <p className="text-xs text-slate-500">A row applies when any one of its conditions matches; a condition matches when all of its tests hold.</p>
        <ol className="space-y-4" aria-label="Matrix rows">
          {draft.rows.map((row, index) => {
            const id = `matrix-row-${row.key}`;
            const rowError = shown(`approvals.rows.${index}.when`) ?? shown(`approvals.rows.${index}`);
            return (
              <li key={row.key} aria-labelledby={`${id}-title`} className="min-w-0 space-y-3 rounded-lg border border-slate-200 p-3 sm:p-4">
                <RowHeader index={index} count={draft.rows.length} idPrefix={id} onMove={(by) => moveRow(index, by)} onRemove={() => removeRow(index)}>
                  <span id={`${id}-title`}>Row {index + 1}</span>
                  <span className="ml-2 font-normal text-slate-600">{describeRequirement(row)}</span>
                </RowHeader>
                <RequirementFields idPrefix={id} label={`Row ${index + 1}`} value={row} onChange={(requirement) => updateRow(row.key, (r) => ({ ...r, ...requirement }))} />
                <div className="space-y-2">
                  {row.when.map((condition, c) => (
                    <ConditionFields
                      key={condition.key}
                      idPrefix={`${id}-c${condition.key}`}
                      name={`Row ${index + 1}, condition ${c + 1}`}
                      open={condition.key >= firstNewKey}
                      trigger={condition.trigger}
                      highImpactClasses={draft.highImpactClasses}
                      canRemove={row.when.length > 1}
                      error={shown(`approvals.rows.${index}.when.${c}`)}
                      onChange={(trigger) => updateRow(row.key, (r) => ({ ...r, when: r.when.map((w) => (w.key === condition.key ? { ...w, trigger } : w)) }))}
                      onRemove={() => {
                        updateRow(row.key, (r) => ({ ...r, when: r.when.filter((w) => w.key !== condition.key) }));
                        setFocusId(`${id}-add-condition`);
                        setAnnouncement(`Condition ${c + 1} of row ${index + 1} removed.`);
                      }}
                    />
                  ))}
                  <Button
                    type="button"
                    variant="ghost"
                    id={`${id}-add-condition`}
                    className="px-2 py-1 text-xs text-brand-700"
                    aria-label={`Add a condition to row ${index + 1}`}
                    onClick={() => {
                      const key = draft.next;
                      setDraft({ ...draft, next: key + 1, rows: draft.rows.map((r) => (r.key === row.key ? { ...r, when: [...r.when, { key, trigger: {} }] } : r)) });
                      setFocusId(`${id}-c${key}-tier`);
                    }}
                  >
                    + Add a condition
                  </Button>
                  <FieldError message={rowError} />
                </div>
              </li>
            );
          })}
        </ol>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="button" variant="secondary" id="matrix-add-row" onClick={addRow} disabled={draft.rows.length >= MAX_ROWS}>
            + Add a row
          </Button>
          <FieldError message={shown("approvals.rows")} />
        </div>

        <div className="space-y-2 border-t border-slate-100 pt-4">
          <CheckboxGroup
            legend="High-impact capability classes (conditions on all of them read as “a high-impact capability”; DESTRUCTIVE_WITHOUT_TWO_PERSON watches them)"
            idPrefix="matrix-high-impact"
            options={CAPABILITY_CLASSES}
            checked={draft.highImpactClasses}
            onChange={(value, on) => update((d) => ({ ...d, highImpactClasses: on ? [...d.highImpactClasses, value] : d.highImpactClasses.filter((c) => c !== value) }))}
          />
          <FieldError message={shown("highImpactClasses")} />
        </div>

        <div className="space-y-3 border-t border-slate-100 pt-4">
          <div className="flex flex-wrap items-center gap-3">
            <Button type="button" variant="secondary" onClick={preview} disabled={previewing}>
              {previewing ? "Working out the effect…" : "Preview the effect"}
            </Button>
            {!previewCurrent && !previewing && <p className="text-xs text-slate-500">Saving follows a preview of the draft as it stands.</p>}
            {tried && !valid && <p className="text-xs font-medium text-red-700">Fix the highlighted conditions first.</p>}
          </div>
          <div aria-live="polite">{previewCurrent && previewState.preview && <MatrixPreviewPanel preview={previewState.preview} />}</div>
          <Field label="Why the matrix changes" htmlFor="matrix-note" error={saveState.fieldErrors?.note} hint="Kept with the version and in the audit log.">
            <Textarea id="matrix-note" name="note" rows={2} />
          </Field>
          {previewCurrent && (
            <div className="space-y-3">
              {loosens && (
                <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                  This change loosens the policy, so it will be a proposal: it takes effect only when a second, senior reviewer approves it.
                </p>
              )}
              <Button type="submit" variant="primary" disabled={saving}>
                {saving ? "Saving…" : loosens ? "Propose the matrix for approval" : "Save the matrix as a new version"}
              </Button>
            </div>
          )}
        </div>
      </fieldset>
    </form>
  );
}
