"use client";

import { confirmExceptionAction, proposeExceptionAction } from "@/lib/actions/exceptions.actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Select, Success, Textarea } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";

/** A reviewer accepts an open finding: why, who owns the risk, until when (the policy's limit at most). */
export function AcceptFindingForm({
  findingId,
  critical,
  people,
  defaultOwner,
  defaultExpiry,
  maxExpiry,
  minExpiry,
}: {
  findingId: string;
  critical: boolean;
  people: { email: string; name: string }[];
  defaultOwner: string;
  /** YYYY-MM-DD days, in UTC. */
  defaultExpiry: string;
  maxExpiry: string;
  minExpiry: string;
}) {
  const { state, errors, pending, onSubmit } = useFormAction(proposeExceptionAction);
  if (state.ok) return <Success testId="exception-result">{state.message}</Success>;
  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-label="Accept this finding">
      <input type="hidden" name="findingId" value={findingId} />
      <FormError message={state.error} />
      <Field label="Reason" htmlFor="exception-reason" error={errors.reason} hint="Why the risk is accepted for now, and what makes it tolerable.">
        <Textarea id="exception-reason" name="reason" rows={3} required minLength={10} maxLength={2000} />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Risk owner" htmlFor="exception-owner" error={errors.owner}>
          <Select id="exception-owner" name="owner" defaultValue={defaultOwner} options={people.map((person) => [person.email, `${person.name} (${person.email})`])} />
        </Field>
        <Field label="Accepted until" htmlFor="exception-expires" error={errors.expiresAt} hint={`At most ${maxExpiry}; the finding is back on that day.`}>
          <Input id="exception-expires" name="expiresAt" type="date" min={minExpiry} max={maxExpiry} defaultValue={defaultExpiry} required />
        </Field>
      </div>
      {critical && <p className="text-sm text-slate-700">This finding is CRITICAL: it counts as accepted only once a second, senior reviewer confirms.</p>}
      <Button type="submit" disabled={pending}>
        {pending ? "Accepting…" : critical ? "Propose acceptance" : "Accept finding"}
      </Button>
    </form>
  );
}

/** A second, senior reviewer confirms a CRITICAL finding's acceptance. */
export function ConfirmExceptionForm({ findingId, exceptionId }: { findingId: string; exceptionId: string }) {
  const { state, pending, onSubmit } = useFormAction(confirmExceptionAction);
  if (state.ok) return <Success testId="exception-result">{state.message}</Success>;
  return (
    <form onSubmit={onSubmit} className="space-y-2" aria-label="Confirm the acceptance">
      <input type="hidden" name="findingId" value={findingId} />
      <input type="hidden" name="exceptionId" value={exceptionId} />
      <FormError message={state.error} />
      <Button type="submit" disabled={pending}>
        {pending ? "Confirming…" : "Confirm acceptance"}
      </Button>
    </form>
  );
}
