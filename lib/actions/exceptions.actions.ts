"use server";

import { z } from "zod";
import { formatTime } from "@/components/ui/time";
import { confirmException, proposeException } from "@/lib/data/exceptions";
import { exceptionCreateSchema } from "@/lib/validation/exceptions.validation";
import { formAction } from "./action-client";
import { affected } from "./affected-pages";

export const proposeExceptionAction = formAction({
  permission: "finding:accept",
  schema: exceptionCreateSchema,
  fields: (form) => form.pick("reason", "owner", "expiresAt"),
  run: (actor, input, form) => proposeException(actor, form.text("findingId"), input),
  affects: affected.exception,
  success: (exception) => ({
    message:
      exception.state === "AWAITING_CONFIRMATION"
        ? "Proposed: a second, senior reviewer must confirm before this CRITICAL finding counts as accepted."
        : `Accepted until ${formatTime(exception.expiresAt)}: the finding leaves the headline counts until then.`,
  }),
});

export const confirmExceptionAction = formAction({
  permission: "finding:accept",
  schema: z.strictObject({}),
  fields: () => ({}),
  run: (actor, _input, form) => confirmException(actor, form.text("findingId"), form.text("exceptionId")),
  affects: affected.exception,
  success: (exception) => ({ message: `Confirmed: accepted until ${formatTime(exception.expiresAt)}.` }),
});
