"use client";

import { createRiskAction, updateRiskAction } from "@/lib/actions/risks.actions";
import { humanize } from "@/components/domain-badges";
import { Button, ButtonLink } from "@/components/ui/button";
import { OwnerFields } from "@/components/owner-fields";
import { Field, FormError, Select, Textarea, Input } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";
import type { RiskDto, RiskFormOptions } from "@/lib/dto/risks";
import { RISK_SCALE, RISK_TREATMENTS } from "@/lib/validation/risks.validation";

const LIKELIHOOD = ["rare", "unlikely", "possible", "likely", "almost certain"];
const IMPACT = ["negligible", "minor", "moderate", "major", "severe"];

export function RiskForm({ options, risk, tool }: { options: RiskFormOptions; risk?: RiskDto; tool?: string }) {
  const { state, errors, pending, onSubmit } = useFormAction(risk ? updateRiskAction : createRiskAction);
  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label={risk ? "Edit risk" : "New risk"} noValidate>
      {risk && <input type="hidden" name="id" value={risk.id} />}
      <FormError message={state.error} />
      <div className="grid gap-4 md:grid-cols-3">
        <Field label="Tool" htmlFor="risk-tool" error={errors.tool}>
          <Select id="risk-tool" name="tool" defaultValue={risk?.tool ?? tool ?? ""} options={options.tools.map((t) => [t.slug, t.name])}>
            <option value="" disabled>
              Choose a tool…
            </option>
          </Select>
        </Field>
        <Field label="Treatment" htmlFor="risk-treatment" error={errors.treatment}>
          <Select id="risk-treatment" name="treatment" defaultValue={risk?.treatment ?? "MITIGATE"} options={RISK_TREATMENTS.map((t) => [t, humanize(t)])} />
        </Field>
        <Field label="Next review" htmlFor="risk-nextReview" error={errors.nextReview}>
          <Input id="risk-nextReview" name="nextReview" type="date" defaultValue={risk?.nextReview.toISOString().slice(0, 10)} />
        </Field>
      </div>
      <Field label="Risk statement" htmlFor="risk-statement" error={errors.statement} hint="What could go wrong, and how: e.g. “The agent deletes an environment while fixing an unrelated bug.”">
        <Textarea id="risk-statement" name="statement" rows={3} defaultValue={risk?.statement} />
      </Field>
      <div className="grid gap-4 md:grid-cols-2">
        <Field label="Likelihood (1–5)" htmlFor="risk-likelihood" error={errors.likelihood}>
          <Select id="risk-likelihood" name="likelihood" defaultValue={String(risk?.likelihood ?? 3)} options={RISK_SCALE.map((n) => [n, `${n} · ${LIKELIHOOD[n - 1]}`])} />
        </Field>
        <Field label="Impact (1–5)" htmlFor="risk-impact" error={errors.impact}>
          <Select id="risk-impact" name="impact" defaultValue={String(risk?.impact ?? 3)} options={RISK_SCALE.map((n) => [n, `${n} · ${IMPACT[n - 1]}`])} />
        </Field>
        <OwnerFields idPrefix="risk" errors={errors} teams={options.teams} users={options.users} team={risk?.ownerTeam} user={risk?.ownerUser?.email} />
      </div>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : risk ? "Save risk" : "Add risk"}
        </Button>
        <ButtonLink href={risk ? `/risks/${risk.id}` : "/risks"} variant="ghost">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
