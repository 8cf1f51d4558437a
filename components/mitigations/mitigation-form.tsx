"use client";

import { useActionState, useEffect, useRef } from "react";
import { createMitigationAction, setMitigationStatusAction, updateMitigationAction } from "@/lib/actions/mitigations.actions";
import type { ActionState } from "@/lib/actions/action-state";
import { humanize } from "@/components/domain-badges";
import { Button } from "@/components/ui/button";
import { OwnerFields } from "@/components/owner-fields";
import { Field, FieldError, FormError, Input, Select, Success } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";
import type { MitigationDto, MitigationFormOptions } from "@/lib/dto/mitigations";
import { MITIGATION_KINDS, MITIGATION_STATUSES } from "@/lib/validation/mitigations.validation";

const STATUS_OPTIONS = MITIGATION_STATUSES.map((s) => [s, humanize(s)] as const);

type Props = { options: MitigationFormOptions } & (
  | { incident: string; riskId?: undefined; mitigation?: undefined }
  | { riskId: string; incident?: undefined; mitigation?: undefined }
  | { mitigation: MitigationDto; incident?: undefined; riskId?: undefined }
);

// Create (from an incident or a risk) and edit share the form; ids are prefixed so that several
// forms on one page keep their labels unique.
export function MitigationForm(props: Props) {
  const { options, mitigation } = props;
  const { state, errors, pending, onSubmit } = useFormAction(mitigation ? updateMitigationAction : createMitigationAction);
  const prefix = mitigation ? `mitigation-${mitigation.id}` : "mitigation-new";
  const formRef = useRef<HTMLFormElement>(null);
  // A new mitigation was added: clear the form for the next one.
  useEffect(() => {
    if (state.ok && !mitigation) formRef.current?.reset();
  }, [state, mitigation]);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-3" aria-label={mitigation ? `Edit mitigation: ${mitigation.title}` : "Add a mitigation"} noValidate>
      {mitigation && <input type="hidden" name="id" value={mitigation.id} />}
      {props.incident && <input type="hidden" name="incident" value={props.incident} />}
      {props.riskId && <input type="hidden" name="riskId" value={props.riskId} />}
      <FormError message={state.error} />
      {state.ok && <Success>{state.message}</Success>}
      <Field label="Action" htmlFor={`${prefix}-title`} error={errors.title}>
        <Input id={`${prefix}-title`} name="title" defaultValue={mitigation?.title} placeholder="e.g. Reduce kiro-agent in production to SUGGEST" />
      </Field>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="Kind" htmlFor={`${prefix}-kind`} error={errors.kind}>
          <Select id={`${prefix}-kind`} name="kind" defaultValue={mitigation?.kind ?? "REDUCE_PERMISSION"} options={MITIGATION_KINDS.map((k) => [k, humanize(k)])} />
        </Field>
        <Field label="Status" htmlFor={`${prefix}-status`} error={errors.status}>
          <Select id={`${prefix}-status`} name="status" defaultValue={mitigation?.status ?? "OPEN"} options={STATUS_OPTIONS} />
        </Field>
        <Field label="Due date" htmlFor={`${prefix}-dueDate`} error={errors.dueDate}>
          <Input id={`${prefix}-dueDate`} name="dueDate" type="date" defaultValue={mitigation?.dueDate?.toISOString().slice(0, 10) ?? ""} />
        </Field>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <OwnerFields idPrefix={prefix} errors={errors} teams={options.teams} users={options.users} team={mitigation?.ownerTeam} user={mitigation?.ownerUser?.email} />
      </div>
      <Field label="Grant it changes (optional)" htmlFor={`${prefix}-grantId`} error={errors.grantId}>
        <Select id={`${prefix}-grantId`} name="grantId" defaultValue={mitigation?.grant?.id ?? ""} options={options.grants.map((g) => [g.id, g.label])}>
          <option value="">None</option>
          {mitigation?.grant && !options.grants.some((g) => g.id === mitigation.grant!.id) && (
            <option value={mitigation.grant.id}>
              {mitigation.grant.tool} in {mitigation.grant.environment} (max {mitigation.grant.maxAutonomy})
            </option>
          )}
        </Select>
      </Field>
      <FieldError message={errors.incident} />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : mitigation ? "Save mitigation" : "Add mitigation"}
      </Button>
    </form>
  );
}

/** One select to move a mitigation along (OPEN → IN_PROGRESS → DONE, or CANCELLED). */
export function MitigationStatusForm({ mitigation }: { mitigation: MitigationDto }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(setMitigationStatusAction, {});
  const id = `mitigation-status-${mitigation.id}`;
  return (
    <form action={action} className="flex items-center gap-1.5" aria-label={`Status of ${mitigation.title}`}>
      <input type="hidden" name="id" value={mitigation.id} />
      <label htmlFor={id} className="sr-only">
        Status
      </label>
      <Select id={id} name="status" defaultValue={mitigation.status} className="w-36 py-1 text-xs" key={mitigation.status} options={STATUS_OPTIONS} />
      <Button type="submit" variant="secondary" className="px-2 py-1 text-xs" disabled={pending}>
        Set
      </Button>
      {state.error && (
        <span role="alert" className="text-xs text-red-700">
          {state.error}
        </span>
      )}
    </form>
  );
}
