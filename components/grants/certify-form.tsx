"use client";

import { certifyGrantAction } from "@/lib/actions/grants.actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Success } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";

/** A reviewer's "still needed" for a due grant. */
export function CertifyForm({ grantId, label }: { grantId: string; label: string }) {
  const { state, errors, pending, onSubmit } = useFormAction(certifyGrantAction);
  if (state.ok) return <Success testId="certify-result">{state.message}</Success>;
  const id = `certify-${grantId}`;
  return (
    <form onSubmit={onSubmit} className="space-y-2" aria-label={`Certify ${label}`}>
      <input type="hidden" name="grantId" value={grantId} />
      <FormError message={state.error} />
      <Field label="Still needed because" htmlFor={id} error={errors.comment}>
        <Input id={id} name="comment" required minLength={3} maxLength={2000} placeholder="What it is still used for" />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Certifying…" : "Certify"}
      </Button>
    </form>
  );
}
