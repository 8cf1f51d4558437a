"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FormError, Input, Select, Success } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionState } from "@/lib/actions/action-state";
import { createWebhookAction, deleteWebhookAction, redeliverAction, sendTestEventAction, updateWebhookAction, type CreatedWebhookState } from "@/lib/actions/webhooks.actions";
import type { WebhookDto } from "@/lib/dto/webhooks";
import { EVENT_TYPE_LABELS, EVENT_TYPES } from "@/lib/notifications/events";
import { SEVERITIES } from "@/lib/policy/types";

function SubscriptionFields({ prefix, errors, subscription }: { prefix: string; errors: Record<string, string>; subscription?: WebhookDto }) {
  const chosen = new Set(subscription?.eventTypes ?? []);
  return (
    <>
      <div className="grid gap-3 md:grid-cols-2">
        <Field label="Name" htmlFor={`${prefix}-name`} error={errors.name}>
          <Input id={`${prefix}-name`} name="name" defaultValue={subscription?.name} placeholder="e.g. #sec-alerts" autoComplete="off" />
        </Field>
        <Field label="URL" htmlFor={`${prefix}-url`} error={errors.url} hint="For Slack: the channel's incoming-webhook URL.">
          <Input id={`${prefix}-url`} name="url" type="url" defaultValue={subscription?.url} placeholder="https://hooks.example.com/register" autoComplete="off" spellCheck={false} />
        </Field>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-xs font-medium text-slate-700">Events (none ticked: every event)</legend>
        <div className="grid gap-x-4 gap-y-1 sm:grid-cols-2 xl:grid-cols-3">
          {EVENT_TYPES.map((type) => (
            <label key={type} className="flex items-start gap-2 text-sm text-slate-700">
              <input type="checkbox" name="eventTypes" value={type} defaultChecked={chosen.has(type)} className="mt-0.5 rounded border-slate-300" />
              <span>
                <code className="font-mono text-xs text-slate-900">{type}</code>
                <span className="block text-xs text-slate-600">{EVENT_TYPE_LABELS[type]}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError message={errors.eventTypes} />
      </fieldset>
      <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-4">
        <Field label="Minimum severity" htmlFor={`${prefix}-severity`} error={errors.minSeverity} hint="Holds back findings below it; events without a severity pass.">
          <Select id={`${prefix}-severity`} name="minSeverity" defaultValue={subscription?.minSeverity ?? ""} options={SEVERITIES.map((s) => [s, s])}>
            <option value="">Any</option>
          </Select>
        </Field>
        <Field label="Tools (slugs, comma-separated)" htmlFor={`${prefix}-tools`} error={errors.tools} hint="Empty: every tool.">
          <Input id={`${prefix}-tools`} name="tools" defaultValue={subscription?.tools.join(", ")} autoComplete="off" spellCheck={false} />
        </Field>
        <Field label="Environments" htmlFor={`${prefix}-environments`} error={errors.environments} hint="Empty: every environment.">
          <Input id={`${prefix}-environments`} name="environments" defaultValue={subscription?.environments.join(", ")} autoComplete="off" spellCheck={false} />
        </Field>
        <Field label="Owner teams" htmlFor={`${prefix}-teams`} error={errors.teams} hint="Empty: every team.">
          <Input id={`${prefix}-teams`} name="teams" defaultValue={subscription?.teams.join(", ")} autoComplete="off" />
        </Field>
      </div>
      <label className="flex items-center gap-1.5 text-sm text-slate-700">
        <input type="checkbox" name="active" defaultChecked={subscription?.active ?? true} className="rounded border-slate-300" /> Active (events are sent)
      </label>
    </>
  );
}

export function CreateWebhookForm() {
  const [state, dispatch, pending] = useActionState<CreatedWebhookState, FormData>(createWebhookAction, {});
  const errors = state.fieldErrors ?? {};
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  }
  return (
    <form onSubmit={onSubmit} aria-label="Add a subscription" noValidate className="space-y-4">
      <FormError message={state.error} />
      <Field label="Kind" htmlFor="new-webhook-kind" error={errors.kind}>
        <Select id="new-webhook-kind" name="kind" defaultValue="WEBHOOK" className="max-w-md" options={[["WEBHOOK", "Webhook: signed JSON (Standard Webhooks)"], ["SLACK", "Slack: messages to an incoming webhook"]]} />
      </Field>
      <SubscriptionFields prefix="new-webhook" errors={errors} />
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Adding…" : "Add subscription"}
      </Button>
      {state.secret && (
        <div role="status" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <p>{state.message}</p>
          <code className="mt-1 block select-all break-all font-mono text-sm text-slate-900" data-testid="webhook-secret">
            {state.secret}
          </code>
          <a href={`/webhooks/${state.id}`} className="mt-2 inline-block font-medium text-brand-700 underline">
            Open its delivery log
          </a>
        </div>
      )}
    </form>
  );
}

export function EditWebhookForm({ subscription }: { subscription: WebhookDto }) {
  const { state, errors, pending, onSubmit } = useFormAction(updateWebhookAction);
  return (
    <form onSubmit={onSubmit} aria-label="Subscription settings" noValidate className="space-y-4">
      <input type="hidden" name="id" value={subscription.id} />
      <FormError message={state.error} />
      <SubscriptionFields prefix="webhook" errors={errors} subscription={subscription} />
      <div className="flex items-center gap-4">
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
        {state.ok && <Success>{state.message}</Success>}
      </div>
    </form>
  );
}

function IdForm({ action, id, deliveryId, label, pendingLabel, variant = "secondary", ariaLabel }: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  id: string;
  deliveryId?: string;
  label: string;
  pendingLabel: string;
  variant?: "secondary" | "danger";
  ariaLabel?: string;
}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, {});
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={id} />
      {deliveryId && <input type="hidden" name="deliveryId" value={deliveryId} />}
      <Button type="submit" variant={variant} disabled={pending} aria-label={ariaLabel}>
        {pending ? pendingLabel : label}
      </Button>
      {state.error && <span className="text-xs font-medium text-red-700">{state.error}</span>}
      {state.ok && state.message && (
        <span role="status" className="text-xs font-medium text-emerald-700">
          {state.message}
        </span>
      )}
    </form>
  );
}

export function SendTestEventButton({ id }: { id: string }) {
  return <IdForm action={sendTestEventAction} id={id} label="Send a test event" pendingLabel="Sending…" />;
}

export function DeleteWebhookButton({ id, name }: { id: string; name: string }) {
  return <IdForm action={deleteWebhookAction} id={id} label="Delete subscription" pendingLabel="Deleting…" variant="danger" ariaLabel={`Delete subscription ${name}`} />;
}

export function RedeliverButton({ id, deliveryId, eventId }: { id: string; deliveryId: string; eventId: string }) {
  return <IdForm action={redeliverAction} id={id} deliveryId={deliveryId} label="Send again" pendingLabel="Sending…" ariaLabel={`Send ${eventId} again`} />;
}
