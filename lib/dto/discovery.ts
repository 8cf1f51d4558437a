// Discovery runs as GET|POST /api/v1/discovery/runs and the Discovery page show them.
import { z } from "zod";
import { discoveryErrorSchema, discoveryUnknownSchema } from "@/lib/validation/discovery.validation";
import { pageOf } from "./page";

export const discoveryRunSummarySchema = z.object({
  id: z.string(),
  at: z.date(),
  actor: z.string().describe("email of who posted the run"),
  scope: z.string(),
  connectors: z.array(z.string()),
  filesRead: z.number().int(),
  observationsWritten: z.number().int().describe("rows the run holds now in its scope"),
  added: z.number().int().describe("tool × environment × connector rows that are new"),
  changed: z.number().int().describe("rows whose autonomy, capabilities or evidence changed"),
  removed: z.number().int().describe("rows of the run's connectors that the scan no longer found"),
  tools: z.array(z.string()).describe("the tools whose rows the run wrote or removed"),
  toolsProposed: z.array(z.string()).describe("tools the register lacked, created PROPOSED"),
  toolsSkipped: z.array(z.string()).describe("tools the register lacks and no owner team was given for: not written"),
  unknownCount: z.number().int(),
  errorCount: z.number().int(),
});

export type DiscoveryRunSummaryDto = z.infer<typeof discoveryRunSummarySchema>;

export const discoveryRunSchema = discoveryRunSummarySchema.extend({
  unknown: z.array(discoveryUnknownSchema),
  errors: z.array(discoveryErrorSchema),
  findingsCurrent: z
    .boolean()
    .describe("whether the register's findings already reflect this run for its tools (false in the POST's answer; poll the run before judging by the findings)"),
});

export type DiscoveryRunDto = z.infer<typeof discoveryRunSchema>;

export const discoveryRunPageSchema = pageOf(discoveryRunSummarySchema);
