"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { savePolicyAction } from "@/lib/actions/policy.actions";
import { humanize } from "@/components/domain-badges";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FormError, Input, Select, Success, Textarea } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";
import type { Policy } from "@/lib/policy/policy";
import { comparePolicies, type PolicyDifference } from "@/lib/policy/policy-change";
import { policyFromForm } from "@/lib/validation/policy-form";
import { policySchema } from "@/lib/validation/policy.validation";
import { AUTONOMY_LEVELS, CHANGE_TYPES, INCIDENT_SEVERITIES, INCIDENT_TOOL_ROLES, TIERS, type Tier } from "@/lib/policy/types";

function TierSelect({ name, label, value, error, hint }: { name: string; label: string; value: Tier; error?: string; hint?: string }) {
  return (
    <Field label={label} htmlFor={name} error={error} hint={hint}>
      <Select id={name} name={name} defaultValue={value} options={TIERS.map((tier) => [tier, humanize(tier)])} />
    </Field>
  );
}

function Checkboxes({ name, legend, options, checked, error }: { name: string; legend: string; options: readonly string[]; checked: string[]; error?: string }) {
  return (
    <fieldset className="space-y-1">
      <legend className="text-xs font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((option) => (
          <label key={option} className="flex items-center gap-1.5 text-sm text-slate-700">
            <input type="checkbox" name={name} value={option} defaultChecked={checked.includes(option)} className="rounded border-slate-300" />
            {humanize(option)}
          </label>
        ))}
      </div>
      <FieldError message={error} />
    </fieldset>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-3 border-t border-slate-100 pt-4 first:border-t-0 first:pt-0">
      <legend className="text-sm font-semibold text-slate-900">{title}</legend>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3 2xl:grid-cols-4">{children}</div>
    </fieldset>
  );
}

// What saving the form as it stands would loosen, by the same comparison the server makes; nothing
// while a field is invalid (the save would be refused anyway).
function loosening(form: HTMLFormElement, policy: Policy): PolicyDifference[] {
  const parsed = policySchema.safeParse(policyFromForm(policy, new FormData(form)));
  return parsed.success ? comparePolicies(policy, parsed.data).filter((difference) => difference.loosens) : [];
}

// The thresholds of the rules. Security reviewers and admins change them; everyone else reads them.
export function PolicyForm({ policy, version, canEdit }: { policy: Policy; version: number; canEdit: boolean }) {
  const { state, errors, pending, onSubmit } = useFormAction(savePolicyAction);
  const [loosens, setLoosens] = useState<PolicyDifference[]>([]);
  const preview = (event: FormEvent<HTMLFormElement>) => setLoosens(loosening(event.currentTarget, policy));
  return (
    <form onSubmit={onSubmit} onChange={preview} aria-label="Policy thresholds" noValidate className="space-y-4">
      <input type="hidden" name="basedOnVersion" value={version} />
      <FormError message={state.error} />
      {state.ok && <Success>{state.message}</Success>}
      <fieldset disabled={!canEdit || pending} className="space-y-4">
        <Section title="Autonomy ceiling after incidents">
          <Field label="Window (days)" htmlFor="ceiling.windowDays" error={errors["ceiling.windowDays"]} hint="How long an incident caps a tool's autonomy.">
            <Input id="ceiling.windowDays" name="ceiling.windowDays" type="number" min={1} max={3650} defaultValue={policy.ceiling.windowDays} />
          </Field>
          <TierSelect name="ceiling.fromTier" label="Applies from tier" value={policy.ceiling.fromTier} error={errors["ceiling.fromTier"]} />
          {INCIDENT_SEVERITIES.map((severity) => (
            <Field key={severity} label={`Cap after a ${severity}`} htmlFor={`ceiling.caps.${severity}`} error={errors[`ceiling.caps.${severity}`]}>
              <Select id={`ceiling.caps.${severity}`} name={`ceiling.caps.${severity}`} defaultValue={policy.ceiling.caps[severity] ?? ""} options={AUTONOMY_LEVELS.map((level) => [level, humanize(level)])}>
                <option value="">No cap</option>
              </Select>
            </Field>
          ))}
          <Checkboxes name="ceiling.roles" legend="Incident roles that count" options={INCIDENT_TOOL_ROLES} checked={policy.ceiling.roles} error={errors["ceiling.roles"]} />
        </Section>
        <Section title="Findings">
          <Field label="Observation stale after (days)" htmlFor="findings.staleObservationDays" error={errors["findings.staleObservationDays"]}>
            <Input id="findings.staleObservationDays" name="findings.staleObservationDays" type="number" min={1} max={3650} defaultValue={policy.findings.staleObservationDays} />
          </Field>
          <Field label="Grant unused after (days)" htmlFor="findings.unusedGrantDays" error={errors["findings.unusedGrantDays"]}>
            <Input id="findings.unusedGrantDays" name="findings.unusedGrantDays" type="number" min={1} max={3650} defaultValue={policy.findings.unusedGrantDays} />
          </Field>
          <TierSelect
            name="findings.twoPersonFromTier"
            label="Two-person rule from tier"
            hint="For high-impact capabilities."
            value={policy.findings.twoPersonFromTier}
            error={errors["findings.twoPersonFromTier"]}
          />
          <Field label="Exceptions last at most (days)" htmlFor="exceptions.maxDays" error={errors["exceptions.maxDays"]} hint="How long a reviewer may accept a finding for.">
            <Input id="exceptions.maxDays" name="exceptions.maxDays" type="number" min={1} max={3650} defaultValue={policy.exceptions.maxDays} />
          </Field>
        </Section>
        <Section title="Access reviews">
          {TIERS.map((tier) => (
            <Field key={tier} label={`Recertify at ${humanize(tier)} every (days)`} htmlFor={`reviews.periodDays.${tier}`} error={errors[`reviews.periodDays.${tier}`]}>
              <Input id={`reviews.periodDays.${tier}`} name={`reviews.periodDays.${tier}`} type="number" min={1} max={3650} defaultValue={policy.reviews.periodDays[tier]} />
            </Field>
          ))}
          <Field label="A due review may wait (days)" htmlFor="reviews.graceDays" error={errors["reviews.graceDays"]} hint="Then GRANT_NOT_RECERTIFIED is raised.">
            <Input id="reviews.graceDays" name="reviews.graceDays" type="number" min={1} max={3650} defaultValue={policy.reviews.graceDays} />
          </Field>
        </Section>
        <Section title="Change violations">
          <TierSelect
            name="changes.aiChangeSeniorApproverFromTier"
            label="Senior approver for AI changes from tier"
            value={policy.changes.aiChangeSeniorApproverFromTier}
            error={errors["changes.aiChangeSeniorApproverFromTier"]}
          />
          <TierSelect name="changes.twoApproversFromTier" label="Two approvers from tier" value={policy.changes.twoApproversFromTier} error={errors["changes.twoApproversFromTier"]} />
          <TierSelect name="changes.rollbackPlanFromTier" label="Rollback plan required from tier" value={policy.changes.rollbackPlanFromTier} error={errors["changes.rollbackPlanFromTier"]} />
          <Checkboxes
            name="changes.twoApproverChangeTypes"
            legend="Change types that need two approvers"
            options={CHANGE_TYPES}
            checked={policy.changes.twoApproverChangeTypes}
            error={errors["changes.twoApproverChangeTypes"]}
          />
        </Section>
        {canEdit && (
          <div className="space-y-3 border-t border-slate-100 pt-4">
            <Field label="Why this change" htmlFor="policy-note" error={errors.note} hint="Kept with the version and in the audit log.">
              <Textarea id="policy-note" name="note" rows={2} />
            </Field>
            <div aria-live="polite">
              {loosens.length > 0 && (
                <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                  <p className="font-medium">This change loosens the policy, so it will be a proposal: it takes effect only when a second, senior reviewer approves it.</p>
                  <ul className="mt-1 list-disc space-y-0.5 pl-5 text-xs">
                    {loosens.map((difference) => (
                      <li key={difference.path}>{difference.message}</li>
                    ))}
                  </ul>
                </div>
              )}
            </div>
            <Button type="submit" variant="primary" disabled={pending}>
              {pending ? "Saving…" : loosens.length > 0 ? "Propose for approval" : "Save as a new version"}
            </Button>
          </div>
        )}
      </fieldset>
    </form>
  );
}
