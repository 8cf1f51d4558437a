"use client";

import { useActionState } from "react";
import { revokeGrantAction } from "@/lib/actions/grants.actions";
import type { ActionState } from "@/lib/actions/action-state";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Success } from "@/components/ui/form";

export function RevokeForm({ grantId }: { grantId: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(revokeGrantAction, {});
  if (state.ok) {
    return <Success>{state.message}</Success>;
  }
  return (
    <form action={action} className="space-y-2" aria-label="Revoke the grant">
      <input type="hidden" name="grantId" value={grantId} />
      <FormError message={state.error} />
      <Field label="Reason" htmlFor={`revoke-reason-${grantId}`} error={state.fieldErrors?.reason}>
        <Input id={`revoke-reason-${grantId}`} name="reason" required minLength={3} maxLength={2000} placeholder="Why the tool loses this access" />
      </Field>
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? "Revoking…" : "Revoke grant"}
      </Button>
    </form>
  );
}
