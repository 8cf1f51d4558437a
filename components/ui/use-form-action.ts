"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import type { ActionState } from "@/lib/actions/action-state";

// A server action bound to a form that keeps what was typed when the server refuses it (a plain
// `action={…}` form is reset after every submission), so the person fixes one field instead of
// retyping all.
export function useFormAction(action: (state: ActionState, formData: FormData) => Promise<ActionState>) {
  const [state, dispatch, pending] = useActionState<ActionState, FormData>(action, {});
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  }
  return { state, errors: state.fieldErrors ?? {}, pending, onSubmit };
}
