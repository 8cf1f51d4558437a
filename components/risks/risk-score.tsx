import { Badge, type Tone } from "@/components/ui/badge";

// Likelihood × impact (1–25) in four bands; the heat map and the table use the same colours.
export type RiskBand = "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";

export function riskBand(score: number): RiskBand {
  if (score >= 15) return "CRITICAL";
  if (score >= 10) return "HIGH";
  if (score >= 5) return "MEDIUM";
  return "LOW";
}

const TONES: Record<RiskBand, Tone> = { LOW: "green", MEDIUM: "yellow", HIGH: "orange", CRITICAL: "red" };

/** Heat-map cell colours: faint when empty, strong when risks sit there. */
export const CELL_CLASSES: Record<RiskBand, { empty: string; filled: string }> = {
  LOW: { empty: "bg-emerald-50 text-emerald-300", filled: "bg-emerald-200 text-emerald-950" },
  MEDIUM: { empty: "bg-amber-50 text-amber-300", filled: "bg-amber-300 text-amber-950" },
  HIGH: { empty: "bg-orange-50 text-orange-300", filled: "bg-orange-400 text-orange-950" },
  CRITICAL: { empty: "bg-red-50 text-red-300", filled: "bg-red-600 text-white" },
};

export function RiskScoreBadge({ score }: { score: number }) {
  const band = riskBand(score);
  return (
    <Badge tone={TONES[band]}>
      {score} · {band.toLowerCase()}
    </Badge>
  );
}
