"use client";

import { useActionState, useState } from "react";
import { requestGrantAction } from "@/lib/actions/grants.actions";
import type { ActionState } from "@/lib/actions/action-state";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FormError, Input, Select, Textarea } from "@/components/ui/form";
import { humanize } from "@/components/domain-badges";
import { requiredApprovals } from "@/lib/policy/approvals";
import type { Policy } from "@/lib/policy/policy";
import { AUTONOMY_LEVELS, type Autonomy, type CapabilityClass, type PolicyEnvironment } from "@/lib/policy/types";
import { RequiredApprovalsSummary } from "./required-approvals";

interface Props {
  tool: { slug: string; modes: string[] };
  environments: PolicyEnvironment[];
  capabilities: { key: string; class: CapabilityClass }[];
  /** The policy in force, whose approval matrix the server will apply. */
  policy: Policy;
  /** YYYY-MM-DD, from the server: the earliest allowed expiry and the suggested one. */
  minExpiry: string;
  defaultExpiry: string;
}

// The same requiredApprovals the server applies when it saves, computed here as the request takes shape.
export function GrantRequestForm({ tool, environments, capabilities, policy, minExpiry, defaultExpiry }: Props) {
  const [state, action, pending] = useActionState<ActionState, FormData>(requestGrantAction, {});
  const [environmentName, setEnvironmentName] = useState(environments[0]?.name ?? "");
  const levels = AUTONOMY_LEVELS.filter((level) => level === "OFF" || tool.modes.includes(level));
  const [maxAutonomy, setMaxAutonomy] = useState<Autonomy>(levels.includes("SUGGEST") ? "SUGGEST" : (levels.at(-1) ?? "OFF"));
  const [selected, setSelected] = useState<string[]>([]);

  const environment = environments.find((e) => e.name === environmentName);
  const classOf = new Map(capabilities.map((c) => [c.key, c.class]));
  const required = environment
    ? requiredApprovals({ environment, maxAutonomy, capabilityClasses: selected.flatMap((key) => classOf.get(key) ?? []) }, policy)
    : null;
  const toggle = (key: string, on: boolean) => setSelected((current) => (on ? [...current, key] : current.filter((k) => k !== key)));

  return (
    <form action={action} className="space-y-3" aria-label="Request a grant">
      <input type="hidden" name="tool" value={tool.slug} />
      <FormError message={state.error} />
      <div className="grid grid-cols-2 gap-3">
        <Field label="Environment" htmlFor="grant-environment" error={state.fieldErrors?.environment}>
          <Select id="grant-environment" name="environment" value={environmentName} onChange={(e) => setEnvironmentName(e.target.value)} options={environments.map((env) => [env.name, `${env.name} · ${humanize(env.tier)}`])} />
        </Field>
        <Field label="Maximum autonomy" htmlFor="grant-autonomy" error={state.fieldErrors?.maxAutonomy}>
          <Select id="grant-autonomy" name="maxAutonomy" value={maxAutonomy} onChange={(e) => setMaxAutonomy(e.target.value as Autonomy)} options={levels.map((level) => [level, level])} />
        </Field>
      </div>
      {environment && (
        <p className="text-xs text-slate-500">
          {environment.name}: tier {humanize(environment.tier)}, data {humanize(environment.dataSensitivity)}
          {environment.criticalPath ? ", critical business path" : ""}
        </p>
      )}
      <fieldset>
        <legend className="text-xs font-medium text-slate-700">Capabilities allowed</legend>
        <div className="mt-1 grid grid-cols-2 gap-x-3 gap-y-1 md:grid-cols-3">
          {capabilities.map((capability) => (
            <label key={capability.key} className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" name="capabilities" value={capability.key} checked={selected.includes(capability.key)} onChange={(e) => toggle(capability.key, e.target.checked)} />
              <span>{capability.key}</span>
              <span className="text-xs uppercase tracking-wide text-slate-600">{capability.class.replace("_", " ")}</span>
            </label>
          ))}
        </div>
        <FieldError message={state.fieldErrors?.capabilities} />
      </fieldset>
      <Field label="Justification" htmlFor="grant-justification" error={state.fieldErrors?.justification} hint="What the tool will do there, and why it needs this much.">
        <Textarea id="grant-justification" name="justification" rows={3} required minLength={10} maxLength={2000} />
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Expires on" htmlFor="grant-expires" error={state.fieldErrors?.expiresAt}>
          <Input id="grant-expires" name="expiresAt" type="date" min={minExpiry} defaultValue={defaultExpiry} required />
        </Field>
      </div>
      {required && (
        <section aria-label="Approvals this request will need" className="rounded-md border border-slate-200 bg-slate-50 p-3">
          <p className="mb-1 text-xs font-medium text-slate-700">Approvals this request will need</p>
          <RequiredApprovalsSummary required={required} />
        </section>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? "Requesting…" : "Request grant"}
      </Button>
    </form>
  );
}
