import { CheckCircle2, ShieldX } from "lucide-react";
import type { AuditChainReport } from "@/lib/data/audit";

// The result of recomputing every hash of the log, from the first event on.
export function ChainStatus({ report }: { report: AuditChainReport }) {
  if (report.valid) {
    return (
      <div role="status" data-testid="chain-status" data-valid="true" className="flex items-start gap-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0" />
        <p>
          <span className="font-medium">Chain valid.</span>{" "}
          {report.checked === 1 ? "The one event was recomputed" : `All ${report.checked} events were recomputed from the first one`}: none was altered, removed or
          reordered.
        </p>
      </div>
    );
  }
  return (
    <div role="status" data-testid="chain-status" data-valid="false" className="flex items-start gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
      <ShieldX aria-hidden className="mt-0.5 size-4 shrink-0" />
      <p>
        <span className="font-medium">Chain broken at event #{report.brokenAt}:</span> {report.reason}. The {report.checked} events before it verify; the{" "}
        {report.total - report.checked} from it on cannot be trusted.
      </p>
    </div>
  );
}
