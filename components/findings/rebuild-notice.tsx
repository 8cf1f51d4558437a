import type { RebuildProgress } from "@/lib/dto/findings";

/** Said while the findings are judged again after a policy change: until then they are as they were. */
export function RebuildNotice({ rebuild }: { rebuild: RebuildProgress | null }) {
  if (!rebuild) return null;
  const percent = rebuild.totalTools ? Math.floor((100 * rebuild.judgedTools) / rebuild.totalTools) : 0;
  return (
    <p role="status" className="mb-4 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="rebuild-notice">
      The findings are being judged again under the policy in force: {rebuild.judgedTools.toLocaleString("en")} of {rebuild.totalTools.toLocaleString("en")} tools ({percent}%). Until it finishes, some
      findings may still read as they were.
    </p>
  );
}
