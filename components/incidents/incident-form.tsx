"use client";

import type { ReactNode } from "react";
import { createIncidentAction, updateIncidentAction } from "@/lib/actions/incidents.actions";
import { humanize } from "@/components/domain-badges";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, FieldError, FormError, Input, Select, Textarea } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";
import type { IncidentDto } from "@/lib/dto/incidents";
import { INCIDENT_SEVERITIES } from "@/lib/policy/types";
import { GENAI_ANSWERS, GENAI_QUESTION, INCIDENT_STATUSES } from "@/lib/validation/incidents.validation";
import { toDateTimeLocal } from "@/components/ui/time";
import { cn } from "@/lib/cn";

const GENAI_HINTS: Record<string, string> = {
  YES: "An AI tool, its permissions or a missing guardrail played a part.",
  NO: "Investigated: no AI tool was involved.",
  UNKNOWN: "Not established yet. The incident cannot be closed while unknown.",
};

// One panel of the form, with its heading if it has one.
function Section({ title, className, children }: { title?: string; className?: string; children: ReactNode }) {
  return (
    <section className={cn("rounded-lg border border-slate-200 bg-white p-4 shadow-sm", className)}>
      {title && <h2 className="mb-3 text-sm font-semibold text-slate-900">{title}</h2>}
      {children}
    </section>
  );
}

type Props =
  | { mode: "create"; suggestedKey: string; environments: string[]; incident?: undefined }
  | { mode: "edit"; incident: IncidentDto; environments: string[]; suggestedKey?: undefined };

// Create and edit share one form: the same fields, the same schema on the server.
export function IncidentForm(props: Props) {
  const { mode, environments, incident } = props;
  const { state, errors, pending, onSubmit } = useFormAction(mode === "create" ? createIncidentAction : updateIncidentAction);
  // Field marks a refused control invalid and points it at the message; this long form also rings it red.
  const invalid = (name: string) => (errors[name] ? { className: "ring-2 ring-red-500" } : {});

  return (
    <form onSubmit={onSubmit} className="space-y-6" aria-label={mode === "create" ? "New incident" : `Edit ${incident.key}`} noValidate>
      <FormError message={state.error} />
      <Section className="grid gap-4 md:grid-cols-4">
        <Field label="Key" htmlFor="incident-key" error={errors.key} hint={mode === "edit" ? "Keys do not change." : undefined}>
          {mode === "create" ? (
            <Input id="incident-key" name="key" defaultValue={props.suggestedKey} required {...invalid("key")} />
          ) : (
            <>
              <Input id="incident-key" value={incident.key} readOnly className="bg-slate-50" />
              <input type="hidden" name="key" value={incident.key} />
            </>
          )}
        </Field>
        <div className="md:col-span-3">
          <Field label="Title" htmlFor="incident-title" error={errors.title}>
            <Input id="incident-title" name="title" defaultValue={incident?.title} required {...invalid("title")} />
          </Field>
        </div>
        <Field label="Severity" htmlFor="incident-severity" error={errors.severity}>
          <Select id="incident-severity" name="severity" defaultValue={incident?.severity ?? "SEV2"} options={INCIDENT_SEVERITIES.map((s) => [s, s])} {...invalid("severity")} />
        </Field>
        <Field label="Status" htmlFor="incident-status" error={errors.status}>
          <Select id="incident-status" name="status" defaultValue={incident?.status ?? "OPEN"} options={INCIDENT_STATUSES.map((s) => [s, humanize(s)])} {...invalid("status")} />
        </Field>
      </Section>

      <Section title="Timeline (UTC)">
        <div className="grid gap-4 md:grid-cols-3">
          <Field label="Started (UTC)" htmlFor="incident-startedAt" error={errors.startedAt} hint="When the impact began.">
            <Input id="incident-startedAt" name="startedAt" type="datetime-local" defaultValue={toDateTimeLocal(incident?.startedAt)} required {...invalid("startedAt")} />
          </Field>
          <Field label="Detected (UTC)" htmlFor="incident-detectedAt" error={errors.detectedAt} hint="At or after the start.">
            <Input id="incident-detectedAt" name="detectedAt" type="datetime-local" defaultValue={toDateTimeLocal(incident?.detectedAt)} {...invalid("detectedAt")} />
          </Field>
          <Field label="Resolved (UTC)" htmlFor="incident-resolvedAt" error={errors.resolvedAt} hint="At or after detection; empty while ongoing.">
            <Input id="incident-resolvedAt" name="resolvedAt" type="datetime-local" defaultValue={toDateTimeLocal(incident?.resolvedAt)} {...invalid("resolvedAt")} />
          </Field>
        </div>
      </Section>

      <fieldset className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-describedby={errors.genAiContributed ? "incident-genAiContributed-error" : undefined}>
        <legend className="px-1 text-sm font-semibold text-slate-900">{GENAI_QUESTION}</legend>
        <div className="mt-1 grid gap-2 md:grid-cols-3">
          {GENAI_ANSWERS.map((answer) => (
            <label key={answer} className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-200 p-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
              <input type="radio" name="genAiContributed" value={answer} defaultChecked={(incident?.genAiContributed ?? "UNKNOWN") === answer} className="mt-0.5" />
              <span>
                <span className="font-medium">{humanize(answer)}</span>
                <span className="block text-xs text-slate-600">{GENAI_HINTS[answer]}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError id="incident-genAiContributed-error" message={errors.genAiContributed} className="mt-1" />
      </fieldset>

      <Section title="Blast radius">
        <div className="grid gap-4 md:grid-cols-2">
          <fieldset aria-describedby={errors.environments ? "incident-environments-error" : undefined}>
            <legend className="text-xs font-medium text-slate-700">Environments</legend>
            <div className="mt-1 grid grid-cols-2 gap-x-3 gap-y-1">
              {environments.map((env) => (
                <label key={env} className="flex items-center gap-1.5 text-sm">
                  <input type="checkbox" name="environments" value={env} defaultChecked={incident?.environments.includes(env)} />
                  {env}
                </label>
              ))}
            </div>
            <FieldError id="incident-environments-error" message={errors.environments} className="mt-1" />
          </fieldset>
          <div className="space-y-4">
            <Field label="Services" htmlFor="incident-services" error={errors.services} hint="Comma-separated, e.g. checkout, pricing.">
              <Input id="incident-services" name="services" defaultValue={incident?.services.join(", ")} {...invalid("services")} />
            </Field>
            <Field label="Regions" htmlFor="incident-regions" error={errors.regions} hint="Comma-separated, e.g. us-east-1, eu-west-1.">
              <Input id="incident-regions" name="regions" defaultValue={incident?.regions.join(", ")} {...invalid("regions")} />
            </Field>
          </div>
          <div className="md:col-span-2">
            <Field label="Customer impact" htmlFor="incident-customerImpact" error={errors.customerImpact}>
              <Textarea id="incident-customerImpact" name="customerImpact" rows={2} defaultValue={incident?.customerImpact} {...invalid("customerImpact")} />
            </Field>
          </div>
        </div>
      </Section>

      <Section className="grid gap-4">
        <Field label="Summary" htmlFor="incident-summary" error={errors.summary}>
          <Textarea id="incident-summary" name="summary" rows={4} defaultValue={incident?.summary} {...invalid("summary")} />
        </Field>
        <Field label="Postmortem link" htmlFor="incident-postmortemUrl" error={errors.postmortemUrl}>
          <Input id="incident-postmortemUrl" name="postmortemUrl" type="url" placeholder="https://wiki.example.com/postmortems/…" defaultValue={incident?.postmortemUrl ?? ""} {...invalid("postmortemUrl")} />
        </Field>
      </Section>

      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : mode === "create" ? "Record incident" : "Save changes"}
        </Button>
        <ButtonLink href={mode === "create" ? "/incidents" : `/incidents/${incident.key}`} variant="ghost">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
