"use client";

import { useActionState } from "react";
import { createUserAction, issueTokenAction, revokeSessionsAction, revokeTokenAction, updateUserAction, type TokenActionState } from "@/lib/actions/users.actions";
import type { ActionState } from "@/lib/actions/action-state";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FormError, Input, Select } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import type { TokenDto, UserWithTokensDto } from "@/lib/dto/users";

function Saved({ state }: { state: ActionState }) {
  if (!state.ok) return null;
  return (
    <p role="status" className="text-xs font-medium text-emerald-700">
      {state.message}
    </p>
  );
}

function RoleSelect({ id, defaultValue }: { id: string; defaultValue?: string }) {
  return (
    <Select id={id} name="role" defaultValue={defaultValue ?? "VIEWER"} options={ROLES.map((role) => [role, ROLE_LABELS[role]])} />
  );
}

export function AddPersonForm() {
  const { state, errors, pending, onSubmit } = useFormAction(createUserAction);
  return (
    <form onSubmit={onSubmit} aria-label="Add a person" noValidate className="space-y-3">
      <FormError message={state.error} />
      <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-5">
        <Field label="Email" htmlFor="person-email" error={errors.email}>
          <Input id="person-email" name="email" type="email" autoComplete="off" />
        </Field>
        <Field label="Name" htmlFor="person-name" error={errors.name}>
          <Input id="person-name" name="name" autoComplete="off" />
        </Field>
        <Field label="Role" htmlFor="person-role" error={errors.role}>
          <RoleSelect id="person-role" />
        </Field>
        <Field label="Password (optional)" htmlFor="person-password" error={errors.password} hint="12 characters or more; without one, the person signs in through SSO or uses tokens only.">
          <Input id="person-password" name="password" type="password" autoComplete="new-password" />
        </Field>
        <Field label="GitHub login (optional)" htmlFor="person-github" error={errors.githubLogin} hint="So the deploy gate counts their pull-request approvals.">
          <Input id="person-github" name="githubLogin" autoComplete="off" spellCheck={false} />
        </Field>
      </div>
      <div className="flex items-center gap-4">
        <label className="flex items-center gap-1.5 text-sm text-slate-700">
          <input type="checkbox" name="senior" className="rounded border-slate-300" /> Senior (counts as a senior reviewer)
        </label>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Adding…" : "Add person"}
        </Button>
        <Saved state={state} />
      </div>
    </form>
  );
}

function EditPersonForm({ person, isYou }: { person: UserWithTokensDto; isYou: boolean }) {
  const { state, errors, pending, onSubmit } = useFormAction(updateUserAction);
  const prefix = `person-${person.id}`;
  return (
    <form onSubmit={onSubmit} aria-label={`Access of ${person.email}`} noValidate className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="id" value={person.id} />
      <Field label="Role" htmlFor={`${prefix}-role`} error={errors.role}>
        <RoleSelect id={`${prefix}-role`} defaultValue={person.role} />
      </Field>
      <Field label="GitHub login" htmlFor={`${prefix}-github`} error={errors.githubLogin}>
        <Input id={`${prefix}-github`} name="githubLogin" defaultValue={person.githubLogin ?? ""} autoComplete="off" spellCheck={false} className="w-40" />
      </Field>
      <label className="flex items-center gap-1.5 pb-1.5 text-sm text-slate-700">
        <input type="checkbox" name="senior" defaultChecked={person.senior} className="rounded border-slate-300" /> Senior
      </label>
      <label className="flex items-center gap-1.5 pb-1.5 text-sm text-slate-700">
        <input type="checkbox" name="active" defaultChecked={person.active} disabled={isYou} className="rounded border-slate-300" /> Active
        {isYou && <input type="hidden" name="active" value="on" />}
      </label>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
      <div className="w-full empty:hidden">
        <FieldError message={errors.active ?? state.error} />
        <Saved state={state} />
      </div>
    </form>
  );
}

function RevokeTokenButton({ userId, token }: { userId: string; token: TokenDto }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(revokeTokenAction, {});
  return (
    <form action={action} className="inline">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="tokenId" value={token.id} />
      <button type="submit" disabled={pending} className="text-xs font-medium text-red-700 hover:underline" aria-label={`Revoke (token ${token.name})`}>
        {pending ? "Revoking…" : "Revoke"}
      </button>
      {state.error && <span className="ml-2 text-xs text-red-700">{state.error}</span>}
    </form>
  );
}

// Ends every browser session of the person at once (a stolen cookie included); tokens are untouched.
function SignOutEverywhereButton({ person, isYou }: { person: UserWithTokensDto; isYou: boolean }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(revokeSessionsAction, {});
  return (
    <form action={action} className="mt-2">
      <input type="hidden" name="userId" value={person.id} />
      <button
        type="submit"
        disabled={pending}
        className="text-xs font-medium text-red-700 hover:underline disabled:opacity-50"
        aria-label={`Sign out everywhere: ${person.email}`}
        title={isYou ? "Ends your own sessions too, this one included" : "Ends every browser session of this person; API tokens keep working"}
      >
        {pending ? "Signing out…" : "Sign out everywhere"}
      </button>
      {state.error && <span className="ml-2 text-xs text-red-700">{state.error}</span>}
      <Saved state={state} />
    </form>
  );
}

function IssueTokenForm({ person }: { person: UserWithTokensDto }) {
  const [state, action, pending] = useActionState<TokenActionState, FormData>(issueTokenAction, {});
  const id = `token-name-${person.id}`;
  return (
    <div className="space-y-2">
      <form action={action} className="flex flex-wrap items-end gap-2" aria-label={`Issue a token for ${person.email}`}>
        <input type="hidden" name="userId" value={person.id} />
        <Field label="New token for" htmlFor={id}>
          <Input id={id} name="name" placeholder="e.g. deploy pipeline" disabled={!person.active} />
        </Field>
        {/* A SCIM token acts as an admin, so only an admin's row offers one. */}
        {person.role === "ADMIN" && (
          <Field label="Calls" htmlFor={`token-scope-${person.id}`}>
            <Select id={`token-scope-${person.id}`} name="scope" defaultValue="API" disabled={!person.active} options={[["API", "The API"], ["SCIM", "SCIM provisioning only"]]} />
          </Field>
        )}
        <Button type="submit" variant="secondary" disabled={pending || !person.active}>
          Issue token
        </Button>
      </form>
      <FieldError message={state.error} />
      {state.token && (
        <div role="status" className="rounded-md border border-amber-200 bg-amber-50 p-2 text-xs text-amber-900">
          <p>{state.message}</p>
          <code className="mt-1 block select-all break-all font-mono text-sm text-slate-900" data-testid="issued-token">
            {state.token}
          </code>
        </div>
      )}
    </div>
  );
}

export function PersonRow({ person, isYou }: { person: UserWithTokensDto; isYou: boolean }) {
  return (
    <li id={`person-${person.id}`} className="grid scroll-mt-16 gap-4 py-4 lg:grid-cols-[minmax(0,14rem)_minmax(0,1fr)_minmax(0,1fr)]" data-testid="person" data-email={person.email}>
      <div>
        <p className="text-sm font-medium text-slate-900">
          {person.name}
          {isYou && <span className="ml-1 text-xs font-normal text-slate-500">(you)</span>}
        </p>
        <p className="text-xs text-slate-600">{person.email}</p>
        {person.githubLogin && <p className="text-xs text-slate-600">GitHub: {person.githubLogin}</p>}
        <p className="mt-1 text-xs text-slate-500">
          {person.active ? "Active" : "Deactivated"} · {person.canSignIn ? "password sign-in" : "no password"}
        </p>
        <SignOutEverywhereButton person={person} isYou={isYou} />
      </div>
      <EditPersonForm person={person} isYou={isYou} />
      <div className="space-y-2">
        {person.tokens.length === 0 ? (
          <p className="text-xs text-slate-500">No API tokens.</p>
        ) : (
          <ul className="space-y-1">
            {person.tokens.map((token) => (
              <li key={token.id} className="flex items-center justify-between gap-2 text-sm">
                <span className="text-slate-800">
                  {token.name}{" "}
                  <span className="text-xs text-slate-500">
                    {token.scope === "SCIM" && "· SCIM provisioning "}
                    · issued {token.createdAt.toISOString().slice(0, 10)} · {token.lastUsedAt ? `last used ${token.lastUsedAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "never used"}
                  </span>
                </span>
                <RevokeTokenButton userId={person.id} token={token} />
              </li>
            ))}
          </ul>
        )}
        <IssueTokenForm person={person} />
      </div>
    </li>
  );
}
