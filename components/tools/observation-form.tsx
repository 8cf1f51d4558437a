"use client";

import { useActionState, useState } from "react";
import { declareObservationAction } from "@/lib/actions/observations.actions";
import type { ActionState } from "@/lib/actions/action-state";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FormError, Select, Success } from "@/components/ui/form";
import { AUTONOMY_LEVELS } from "@/lib/policy/types";

interface Props {
  slug: string;
  environments: string[];
  capabilities: { key: string; class: string }[];
  current: Record<string, { autonomy: string; capabilities: string[] }>;
}

export function ObservationForm({ slug, environments, capabilities, current }: Props) {
  const [state, action, pending] = useActionState<ActionState, FormData>(declareObservationAction, {});
  const [environment, setEnvironment] = useState(environments.find((e) => current[e]) ?? environments[0] ?? "");
  const observed = current[environment];
  return (
    <form action={action} className="space-y-3" aria-label="Declare observed access">
      <input type="hidden" name="slug" value={slug} />
      <FormError message={state.error} />
      {state.ok && <Success>{state.message}</Success>}
      <div className="grid grid-cols-2 gap-3">
        <Field label="Environment" htmlFor="obs-environment" error={state.fieldErrors?.environment}>
          <Select id="obs-environment" name="environment" value={environment} onChange={(e) => setEnvironment(e.target.value)} options={environments.map((env) => [env, current[env] ? env : `${env} (not observed)`])} />
        </Field>
        {/* Keyed by environment so the defaults follow the chosen environment's current observation. */}
        <Field label="Observed autonomy" htmlFor="obs-autonomy" error={state.fieldErrors?.autonomy}>
          <Select key={environment} id="obs-autonomy" name="autonomy" defaultValue={observed?.autonomy ?? "OFF"} options={AUTONOMY_LEVELS.map((level) => [level, level])} />
        </Field>
      </div>
      <fieldset key={environment}>
        <legend className="text-xs font-medium text-slate-700">Capabilities held</legend>
        <div className="mt-1 grid grid-cols-2 gap-x-3 gap-y-1 md:grid-cols-3">
          {capabilities.map((capability) => (
            <label key={capability.key} className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" name="capabilities" value={capability.key} defaultChecked={observed?.capabilities.includes(capability.key)} />
              <span>{capability.key}</span>
            </label>
          ))}
        </div>
        <FieldError message={state.fieldErrors?.capabilities} />
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save observation"}
      </Button>
    </form>
  );
}
