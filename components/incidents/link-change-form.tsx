"use client";

import { useActionState } from "react";
import { linkIncidentChangeAction } from "@/lib/actions/incidents.actions";
import type { ActionState } from "@/lib/actions/action-state";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/form";

export function LinkChangeForm({ incident }: { incident: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(linkIncidentChangeAction, {});
  return (
    <form action={action} className="space-y-2" aria-label={`Link a change to ${incident}`}>
      <input type="hidden" name="incident" value={incident} />
      <FormError message={state.error} />
      {state.ok && (
        <p role="status" className="text-xs text-emerald-800">
          {state.message}
        </p>
      )}
      <div className="flex items-end gap-2">
        <div className="flex-1">
          <Field label="Change (external id)" htmlFor="link-change" error={state.fieldErrors?.change}>
            <Input id="link-change" name="change" placeholder="deploy-48211" />
          </Field>
        </div>
        <Button type="submit" variant="secondary" disabled={pending}>
          Link change
        </Button>
      </div>
    </form>
  );
}
