import { z } from "zod";
import { AUTONOMY_LEVELS, OBSERVATION_SOURCES } from "@/lib/policy/types";

export const observationEntrySchema = z.object({
  environment: z.string().trim().min(1, "environment is required").max(200),
  autonomy: z.enum(AUTONOMY_LEVELS, { error: `autonomy must be one of ${AUTONOMY_LEVELS.join(", ")}` }),
  capabilities: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  // DISCOVERED is the discovery runs' own: their rows carry a connector and evidence.
  source: z.enum(OBSERVATION_SOURCES.filter((source) => source !== "DISCOVERED")).default("SYNC"),
});

export type ObservationEntry = z.infer<typeof observationEntrySchema>;

// PUT /api/v1/tools/{slug}/observations: the tool's declared or synced access, one entry per
// environment; discovery's rows (POST /api/v1/discovery/runs) are not touched.
export const observationReplaceSchema = z
  .array(observationEntrySchema)
  .max(1000)
  .superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      if (seen.has(entry.environment)) ctx.addIssue({ code: "custom", path: [index, "environment"], message: `environment "${entry.environment}" appears twice` });
      seen.add(entry.environment);
    });
  });

// The tool page's declaration form: one environment at a time, always DECLARED.
export const observationDeclareSchema = z.object({
  slug: z.string().min(1),
  environment: z.string().trim().min(1, "Choose an environment."),
  autonomy: z.enum(AUTONOMY_LEVELS, { error: "Choose an autonomy level." }),
  capabilities: z.array(z.string().trim().min(1)).default([]),
});
