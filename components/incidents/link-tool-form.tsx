"use client";

import { useActionState } from "react";
import { linkIncidentToolAction } from "@/lib/actions/incidents.actions";
import type { ActionState } from "@/lib/actions/action-state";
import { humanize } from "@/components/domain-badges";
import { Button } from "@/components/ui/button";
import { Field, FormError, Select, Success } from "@/components/ui/form";
import { INCIDENT_TOOL_ROLES } from "@/lib/policy/types";

const ROLE_HINT = "Triggered or contributed to a SEV1/SEV2 in the last 90 days caps the tool's autonomy in production and above.";

type Props =
  // On the incident page: the incident is fixed, the tool is chosen.
  | { incident: string; tools: { slug: string; name: string }[]; tool?: undefined; incidents?: undefined }
  // On the tool page: the tool is fixed, the incident is chosen.
  | { tool: string; incidents: { key: string; title: string; severity: string }[]; incident?: undefined; tools?: undefined };

export function LinkToolForm(props: Props) {
  const [state, action, pending] = useActionState<ActionState, FormData>(linkIncidentToolAction, {});
  const errors = state.fieldErrors ?? {};
  const label = props.incident ? `Link a tool to ${props.incident}` : `Link ${props.tool} to an incident`;
  return (
    <form action={action} className="space-y-3" aria-label={label}>
      <FormError message={state.error} />
      {state.ok && <Success>{state.message}</Success>}
      <div className="grid gap-3 sm:grid-cols-[2fr_1fr_auto] sm:items-end">
        {props.incident !== undefined ? (
          <>
            <input type="hidden" name="incident" value={props.incident} />
            <Field label="Tool" htmlFor="link-tool" error={errors.tool}>
              <Select id="link-tool" name="tool" defaultValue="" options={props.tools.map((t) => [t.slug, `${t.name} (${t.slug})`])}>
                <option value="" disabled>
                  Choose a tool…
                </option>
              </Select>
            </Field>
          </>
        ) : (
          <>
            <input type="hidden" name="tool" value={props.tool} />
            <Field label="Incident" htmlFor="link-incident" error={errors.incident ?? errors.key}>
              <Select id="link-incident" name="incident" defaultValue="" options={props.incidents.map((i) => [i.key, `${i.key} · ${i.severity} · ${i.title.length > 60 ? `${i.title.slice(0, 60)}…` : i.title}`])}>
                <option value="" disabled>
                  Choose an incident…
                </option>
              </Select>
            </Field>
          </>
        )}
        <Field label="Role" htmlFor={props.incident ? "link-role" : "link-incident-role"} error={errors.role}>
          <Select id={props.incident ? "link-role" : "link-incident-role"} name="role" defaultValue="INVOLVED" options={INCIDENT_TOOL_ROLES.map((role) => [role, humanize(role)])} />
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? "Linking…" : "Link"}
        </Button>
      </div>
      <p className="text-xs text-slate-500">{ROLE_HINT}</p>
    </form>
  );
}
