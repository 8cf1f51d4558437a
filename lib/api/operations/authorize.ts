import { defineOperation } from "@/lib/api/operation";
import { authorizeDecisionSchema } from "@/lib/dto/authorize";
import { authorizeRequestSchema } from "@/lib/validation/authorize.validation";

export const authorizeAction = defineOperation({
  method: "POST",
  path: "/api/v1/authorize",
  tag: "Decisions",
  summary:
    "May this tool act now in this environment, at this mode, with these capabilities? Judged from the grant in force, the incident ceiling and the tool's status, with every reason it may not; a denial is counted per tool × environment, not audited (404 naming an unknown tool or environment)",
  permission: "register:read",
  body: authorizeRequestSchema,
  response: authorizeDecisionSchema,
  errors: ["NOT_FOUND"],
  leavesFindings: true,
});
