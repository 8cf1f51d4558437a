// The catalog's answers: teams, environments and capabilities, addressed by name or key.
import { z } from "zod";
import { CAPABILITY_CLASSES, DATA_SENSITIVITIES, TIERS } from "@/lib/policy/types";
import { pageOf } from "./page";

export const teamSchema = z.object({
  name: z.string(),
  description: z.string(),
  toolCount: z.number().int().describe("tools the team owns"),
});
export type TeamDto = z.infer<typeof teamSchema>;

export const environmentSchema = z.object({
  name: z.string(),
  tier: z.enum(TIERS),
  dataSensitivity: z.enum(DATA_SENSITIVITIES),
  criticalPath: z.boolean(),
  description: z.string(),
});
export type EnvironmentDto = z.infer<typeof environmentSchema>;

export const capabilitySchema = z.object({
  key: z.string(),
  class: z.enum(CAPABILITY_CLASSES),
  description: z.string(),
});
export type CapabilityDto = z.infer<typeof capabilitySchema>;

export const teamPageSchema = pageOf(teamSchema);
export const environmentPageSchema = pageOf(environmentSchema);
export const capabilityPageSchema = pageOf(capabilitySchema);
