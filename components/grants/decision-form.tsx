"use client";

import { useActionState } from "react";
import { decideGrantAction } from "@/lib/actions/grants.actions";
import type { ActionState } from "@/lib/actions/action-state";
import { Button } from "@/components/ui/button";
import { FieldError, FormError, Input } from "@/components/ui/form";

// Approve or deny with a comment (a denial must say why). Rendered only for someone the policy lets
// decide; the server asks the policy again, under the grant's row lock.
export function DecisionForm({ grantId, label, compact = false, onDecided }: { grantId: string; label: string; compact?: boolean; onDecided?: (message: string) => void }) {
  // The page refreshes after a decision and this form may leave it (the reviewer has decided): the
  // caller can keep the outcome where it stays mounted.
  const [state, action, pending] = useActionState<ActionState, FormData>(async (prev, formData) => {
    const result = await decideGrantAction(prev, formData);
    if (result.ok && result.message) onDecided?.(result.message);
    return result;
  }, {});
  if (state.ok) {
    return (
      <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-xs text-emerald-800">
        {state.message}
      </p>
    );
  }
  const commentId = `decision-comment-${grantId}`;
  return (
    <form action={action} className="space-y-2" aria-label={`Decide on ${label}`}>
      <input type="hidden" name="grantId" value={grantId} />
      <FormError message={state.error} />
      <div>
        <label htmlFor={commentId} className={compact ? "sr-only" : "mb-1 block text-xs font-medium text-slate-700"}>
          Comment
        </label>
        <Input id={commentId} name="comment" placeholder="Comment (required to deny)" maxLength={2000} aria-invalid={Boolean(state.fieldErrors?.comment)} />
        <FieldError message={state.fieldErrors?.comment} className="mt-1" />
      </div>
      <div className="flex gap-2">
        <Button type="submit" name="decision" value="APPROVE" disabled={pending}>
          Approve
        </Button>
        <Button type="submit" name="decision" value="DENY" variant="danger" disabled={pending}>
          Deny
        </Button>
      </div>
    </form>
  );
}
