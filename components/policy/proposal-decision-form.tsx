"use client";

import { useActionState } from "react";
import { decidePolicyProposalAction } from "@/lib/actions/policy.actions";
import type { ActionState } from "@/lib/actions/action-state";
import { Button } from "@/components/ui/button";
import { FieldError, FormError, Input } from "@/components/ui/form";

// Approve or reject a proposed policy change (a rejection must say why). Rendered only for someone the
// rule lets decide; the server asks it again under the policy lock. A decision leads back to the page,
// which says the outcome.
export function ProposalDecisionForm({ proposalId }: { proposalId: number }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(decidePolicyProposalAction, {});
  const commentId = `proposal-comment-${proposalId}`;
  const commentError = state.fieldErrors?.comment;
  return (
    <form action={action} className="space-y-2" aria-label={`Decide on proposal #${proposalId}`}>
      <input type="hidden" name="proposalId" value={proposalId} />
      <FormError message={state.error} />
      <div>
        <label htmlFor={commentId} className="mb-1 block text-xs font-medium text-slate-700">
          Comment
        </label>
        <Input
          id={commentId}
          name="comment"
          placeholder="Comment (required to reject)"
          maxLength={2000}
          aria-invalid={Boolean(commentError)}
          aria-describedby={commentError ? `${commentId}-error` : undefined}
        />
        <FieldError id={`${commentId}-error`} message={commentError} className="mt-1" />
      </div>
      <div className="flex gap-2">
        <Button type="submit" name="decision" value="APPROVE" disabled={pending}>
          Approve and put in force
        </Button>
        <Button type="submit" name="decision" value="REJECT" variant="danger" disabled={pending}>
          Reject
        </Button>
      </div>
    </form>
  );
}
