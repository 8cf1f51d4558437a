// POST /api/v1/discovery/runs: what a scan (`npm run scan -- … --post`) found, per connector. The
// register replaces the rows those connectors wrote for the scope before, and nothing else.
import { z } from "zod";
import { CONNECTORS } from "@/lib/discovery/types";
import { AUTONOMY_LEVELS } from "@/lib/policy/types";
import { pageQuerySchema } from "./paging";

const text = (max: number) => z.string().max(max, `at most ${max} characters`);
const line = z.number().int().min(0).max(10_000_000);
const connector = z.enum(CONNECTORS, { error: `connector must be one of ${CONNECTORS.join(", ")}` });

export const discoveryEvidenceSchema = z.object({
  connector,
  file: text(1000).min(1, "file is required"),
  line,
  detail: text(2000),
});

const discoveredObservationSchema = z.object({
  connector,
  tool: z.string().trim().min(1, "tool is required").max(64),
  environment: z.string().trim().min(1, "environment is required").max(200),
  autonomy: z.enum(AUTONOMY_LEVELS, { error: `autonomy must be one of ${AUTONOMY_LEVELS.join(", ")}` }),
  capabilities: z
    .array(z.string().trim().min(1).max(100))
    .max(100)
    .refine((keys) => new Set(keys).size === keys.length, "a capability appears twice"),
  evidence: z.array(discoveryEvidenceSchema).min(1, "an observation needs the statement that grants it").max(500),
});

export type DiscoveryEvidence = z.infer<typeof discoveryEvidenceSchema>;

export const discoveryUnknownSchema = z.object({ kind: text(100), value: text(2000), file: text(1000), line, detail: text(2000).optional() });
export const discoveryErrorSchema = z.object({ file: text(1000), line, message: text(2000) });

export const discoveryRunSchema = z
  .object({
    scope: z
      .string({ error: "scope is required" })
      .trim()
      .min(1, "scope is required")
      .max(200)
      .describe("what was scanned, e.g. the repository's name: a run replaces only its own scope's rows"),
    connectors: z
      .array(connector)
      .min(1, "name at least one connector")
      .refine((list) => new Set(list).size === list.length, "a connector appears twice")
      .describe("the connectors whose earlier rows in this scope the run replaces"),
    filesRead: z.number().int().min(0).max(10_000_000).default(0),
    observations: z.array(discoveredObservationSchema).max(10_000),
    owners: z.record(z.string().max(64), z.string().trim().min(1).max(100)).default({}).describe("owner team of each tool the register lacks: created PROPOSED"),
    unknown: z.array(discoveryUnknownSchema).max(10_000).default([]),
    errors: z.array(discoveryErrorSchema).max(10_000).default([]),
  })
  .superRefine((run, ctx) => {
    const seen = new Set<string>();
    run.observations.forEach((o, index) => {
      if (!run.connectors.includes(o.connector)) {
        ctx.addIssue({ code: "custom", path: ["observations", index, "connector"], message: `connector "${o.connector}" is not one of the run's connectors` });
      }
      o.evidence.forEach((e, evidenceIndex) => {
        if (e.connector !== o.connector) {
          ctx.addIssue({ code: "custom", path: ["observations", index, "evidence", evidenceIndex, "connector"], message: `evidence of ${e.connector} on an observation of ${o.connector}` });
        }
      });
      const key = `${o.connector}\u0000${o.tool}\u0000${o.environment}`;
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["observations", index], message: `${o.tool} in ${o.environment} appears twice for ${o.connector}` });
      seen.add(key);
    });
  });

export type DiscoveryRunInput = z.infer<typeof discoveryRunSchema>;

export const discoveryRunQuerySchema = pageQuerySchema.extend({
  scope: z.string().trim().min(1).max(200).optional().describe("only the runs of this scope"),
});

export type DiscoveryRunQuery = z.infer<typeof discoveryRunQuerySchema>;
