"use client";

import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Select, Success, Textarea } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";
import { humanize } from "@/components/domain-badges";
import {
  createCapabilityAction,
  createEnvironmentAction,
  createTeamAction,
  updateCapabilityAction,
  updateEnvironmentAction,
  updateTeamAction,
} from "@/lib/actions/catalog.actions";
import type { CapabilityDto, EnvironmentDto, TeamDto } from "@/lib/dto/catalog";
import { CAPABILITY_CLASSES, DATA_SENSITIVITIES, TIERS } from "@/lib/policy/types";

type Errors = Record<string, string>;

// An edit form shows the address it cannot change, and why, where the create form asks for it.
function FixedAddress({ id, label, value, why }: { id: string; label: string; value: string; why: string }) {
  return (
    <Field label={label} htmlFor={id} hint={why}>
      <Input id={id} value={value} readOnly className="cursor-default bg-slate-100! text-slate-600! ring-slate-200!" />
    </Field>
  );
}

function Submit({ pending, label, busy }: { pending: boolean; label: string; busy: string }) {
  return (
    <Button type="submit" variant="primary" disabled={pending}>
      {pending ? busy : label}
    </Button>
  );
}

function Saved({ message }: { message?: string }) {
  return message ? <Success>{message}</Success> : null;
}

// ── Environments ─────────────────────────────────────────────────────────────────────────────────

function EnvironmentFields({ prefix, errors, environment }: { prefix: string; errors: Errors; environment?: EnvironmentDto }) {
  return (
    <>
      <Field label="Tier" htmlFor={`${prefix}-tier`} error={errors.tier} hint="Blast radius: sandbox < pre-production < production < shared platform < control plane.">
        <Select id={`${prefix}-tier`} name="tier" defaultValue={environment?.tier ?? ""} options={TIERS.map((t) => [t, humanize(t)])}>
          {!environment && (
            <option value="" disabled>
              Choose a tier
            </option>
          )}
        </Select>
      </Field>
      <Field label="Data sensitivity" htmlFor={`${prefix}-data`} error={errors.dataSensitivity}>
        <Select id={`${prefix}-data`} name="dataSensitivity" defaultValue={environment?.dataSensitivity ?? "NONE"} options={DATA_SENSITIVITIES.map((d) => [d, d === "PII" ? "PII" : humanize(d)])} />
      </Field>
      <div className="space-y-1 sm:col-span-2">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="criticalPath" defaultChecked={environment?.criticalPath ?? false} className="rounded border-slate-300" aria-describedby={`${prefix}-critical-hint`} />
          On a critical business path
        </label>
        <p id={`${prefix}-critical-hint`} className="text-xs text-slate-500">
          Checkout, billing, identity…: a grant here needs a senior reviewer.
        </p>
      </div>
      <div className="sm:col-span-2">
        <Field label="Description" htmlFor={`${prefix}-description`} error={errors.description}>
          <Textarea id={`${prefix}-description`} name="description" rows={2} defaultValue={environment?.description} />
        </Field>
      </div>
    </>
  );
}

export function CreateEnvironmentForm() {
  const { state, errors, pending, onSubmit } = useFormAction(createEnvironmentAction);
  return (
    <form onSubmit={onSubmit} aria-label="Add an environment" noValidate className="space-y-3">
      <FormError message={state.error} />
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        <Field label="Name" htmlFor="new-environment-name" error={errors.name} hint="Its address everywhere, e.g. prod-ap-south; it cannot be changed later.">
          <Input id="new-environment-name" name="name" autoComplete="off" spellCheck={false} />
        </Field>
        <EnvironmentFields prefix="new-environment" errors={errors} />
      </div>
      <Submit pending={pending} label="Add environment" busy="Adding…" />
    </form>
  );
}

export function EditEnvironmentForm({ environment }: { environment: EnvironmentDto }) {
  const { state, errors, pending, onSubmit } = useFormAction(updateEnvironmentAction);
  return (
    <form onSubmit={onSubmit} aria-label={`Edit ${environment.name}`} noValidate className="space-y-3">
      <input type="hidden" name="address" value={environment.name} />
      <FormError message={state.error} />
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <FixedAddress
            id="edit-environment-name"
            label="Name"
            value={environment.name}
            why="Grants, observations, changes, the deploy gate and the audit log know the environment by its name, so it cannot be changed."
          />
        </div>
        <EnvironmentFields prefix="edit-environment" errors={errors} environment={environment} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Submit pending={pending} label="Save" busy="Saving…" />
        <Saved message={state.ok ? state.message : undefined} />
      </div>
    </form>
  );
}

// ── Capabilities ─────────────────────────────────────────────────────────────────────────────────

function CapabilityFields({ prefix, errors, capability, wideDescription = false }: { prefix: string; errors: Errors; capability?: CapabilityDto; wideDescription?: boolean }) {
  return (
    <>
      <Field label="Class" htmlFor={`${prefix}-class`} error={errors.class} hint="Destructive, schema, infra and admin are high-impact in the approval matrix.">
        <Select id={`${prefix}-class`} name="class" defaultValue={capability?.class ?? ""} options={CAPABILITY_CLASSES.map((c) => [c, humanize(c)])}>
          {!capability && (
            <option value="" disabled>
              Choose a class
            </option>
          )}
        </Select>
      </Field>
      <div className={wideDescription ? "sm:col-span-2" : "sm:col-span-2 xl:col-span-1"}>
        <Field label="Description" htmlFor={`${prefix}-description`} error={errors.description}>
          <Input id={`${prefix}-description`} name="description" defaultValue={capability?.description} autoComplete="off" />
        </Field>
      </div>
    </>
  );
}

export function CreateCapabilityForm() {
  const { state, errors, pending, onSubmit } = useFormAction(createCapabilityAction);
  return (
    <form onSubmit={onSubmit} aria-label="Add a capability" noValidate className="space-y-3">
      <FormError message={state.error} />
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        <Field label="Key" htmlFor="new-capability-key" error={errors.key} hint="resource:action in lower case, e.g. queue:purge; it cannot be changed later.">
          <Input id="new-capability-key" name="key" autoComplete="off" spellCheck={false} className="font-mono" />
        </Field>
        <CapabilityFields prefix="new-capability" errors={errors} />
      </div>
      <Submit pending={pending} label="Add capability" busy="Adding…" />
    </form>
  );
}

export function EditCapabilityForm({ capability }: { capability: CapabilityDto }) {
  const { state, errors, pending, onSubmit } = useFormAction(updateCapabilityAction);
  return (
    <form onSubmit={onSubmit} aria-label={`Edit ${capability.key}`} noValidate className="space-y-3">
      <input type="hidden" name="address" value={capability.key} />
      <FormError message={state.error} />
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <FixedAddress id="edit-capability-key" label="Key" value={capability.key} why="Grants and observations list capabilities by key, so it cannot be changed." />
        </div>
        <CapabilityFields prefix="edit-capability" errors={errors} capability={capability} wideDescription />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Submit pending={pending} label="Save" busy="Saving…" />
        <Saved message={state.ok ? state.message : undefined} />
      </div>
    </form>
  );
}

// ── Teams ────────────────────────────────────────────────────────────────────────────────────────

export function CreateTeamForm() {
  const { state, errors, pending, onSubmit } = useFormAction(createTeamAction);
  return (
    <form onSubmit={onSubmit} aria-label="Add a team" noValidate className="space-y-3">
      <FormError message={state.error} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Name" htmlFor="new-team-name" error={errors.name} hint="Tools, risks and imports name the team by it; it cannot be changed later.">
          <Input id="new-team-name" name="name" autoComplete="off" />
        </Field>
        <Field label="Description" htmlFor="new-team-description" error={errors.description}>
          <Input id="new-team-description" name="description" autoComplete="off" />
        </Field>
      </div>
      <Submit pending={pending} label="Add team" busy="Adding…" />
    </form>
  );
}

export function EditTeamForm({ team }: { team: TeamDto }) {
  const { state, errors, pending, onSubmit } = useFormAction(updateTeamAction);
  return (
    <form onSubmit={onSubmit} aria-label={`Edit ${team.name}`} noValidate className="space-y-3">
      <input type="hidden" name="address" value={team.name} />
      <FormError message={state.error} />
      <FixedAddress id="edit-team-name" label="Name" value={team.name} why="Tools, risks, mitigations and imports name the team, so its name cannot be changed." />
      <Field label="Description" htmlFor="edit-team-description" error={errors.description}>
        <Textarea id="edit-team-description" name="description" rows={2} defaultValue={team.description} />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Submit pending={pending} label="Save" busy="Saving…" />
        <Saved message={state.ok ? state.message : undefined} />
      </div>
    </form>
  );
}
