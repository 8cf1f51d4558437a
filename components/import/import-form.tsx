"use client";

import { useActionState, useState } from "react";
import { Upload } from "lucide-react";
import { importToolsAction, type ImportActionState } from "@/lib/actions/import.actions";
import { Button } from "@/components/ui/button";
import { Field, FormError, Select, Success, Textarea } from "@/components/ui/form";
import { ImportReportView } from "./import-report";

// Server actions take bodies up to 1 MB (Next's default), a few thousand tools; the API takes more.
const MAX_FORM_BYTES = 1_000_000;

export function ImportForm({ example }: { example: string }) {
  const [state, action, pending] = useActionState<ImportActionState, FormData>(importToolsAction, {});
  const [content, setContent] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [format, setFormat] = useState("");
  const [mode, setMode] = useState("upsert");
  const [fileError, setFileError] = useState<string | null>(null);

  return (
    <div className="space-y-6">
      <form action={action} className="space-y-4" aria-label="Import tools">
        <div className="flex flex-wrap items-center gap-3">
          <label className="inline-flex cursor-pointer items-center gap-1.5 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
            <Upload aria-hidden className="size-4" />
            Choose a file…
            <input
              type="file"
              accept=".csv,.json,text/csv,application/json"
              aria-label="CSV or JSON file"
              className="sr-only"
              onChange={async (event) => {
                const file = event.target.files?.[0];
                if (!file) return;
                if (file.size > MAX_FORM_BYTES) {
                  setFileError(`${file.name} is ${(file.size / 1_000_000).toFixed(1)} MB; this form takes up to 1 MB. Send bigger files to POST /api/v1/import/tools.`);
                  return;
                }
                setFileError(null);
                setFileName(file.name);
                setContent(await file.text());
                const extension = file.name.split(".").pop()?.toLowerCase();
                setFormat(extension === "csv" || extension === "json" ? extension : "");
              }}
            />
          </label>
          <span className="text-sm text-slate-600" data-testid="import-file-name">
            {fileName ? `${fileName} loaded below — check it, then import.` : "or paste the rows below."}
          </span>
        </div>

        <Field
          label="CSV or JSON"
          htmlFor="import-content"
          error={fileError ?? state.fieldErrors?.content}
          hint="CSV with a header row, a JSON array of tools, or the document GET /api/v1/export returns; up to 1 MB here, bigger files through the API."
        >
          <Textarea
            id="import-content"
            name="content"
            rows={10}
            spellCheck={false}
            className="font-mono text-xs"
            placeholder={example}
            value={content}
            onChange={(event) => {
              setContent(event.target.value);
              setFileName(null);
            }}
          />
        </Field>

        <div className="grid max-w-2xl grid-cols-2 gap-3">
          <Field label="Format" htmlFor="import-format">
            <Select id="import-format" name="format" value={format} onChange={(event) => setFormat(event.target.value)}>
              <option value="">Detect from the content</option>
              <option value="csv">CSV</option>
              <option value="json">JSON</option>
            </Select>
          </Field>
          <Field label="Tools that already exist" htmlFor="import-mode">
            <Select id="import-mode" name="mode" value={mode} onChange={(event) => setMode(event.target.value)}>
              <option value="upsert">Update them from the file</option>
              <option value="create">Reject their rows (add new tools only)</option>
            </Select>
          </Field>
        </div>

        <div className="flex items-center gap-2">
          <Button type="submit" name="intent" value="check" variant="secondary" disabled={pending}>
            {pending ? "Working…" : "Check"}
          </Button>
          <Button type="submit" name="intent" value="import" disabled={pending}>
            Import
          </Button>
          <p className="text-xs text-slate-500">Check reports every row without writing. Import writes all rows, or none if any row is rejected.</p>
        </div>
      </form>

      <FormError message={state.error} />
      {state.ok && state.message && <Success>{state.message}</Success>}
      {state.report && <ImportReportView report={state.report} />}
    </div>
  );
}
