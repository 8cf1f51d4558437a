"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { createIncident, linkIncidentChange, linkIncidentTool, unlinkIncidentTool, updateIncident } from "@/lib/data/incidents";
import { incidentInputSchema, incidentKeySchema, incidentToolLinkSchema } from "@/lib/validation/incidents.validation";
import { actionError, type ActionState, assertSafeForm } from "./action-state";

function incidentFromForm(formData: FormData) {
  const text = (name: string) => formData.get(name) ?? undefined;
  return incidentInputSchema.parse({
    key: text("key"),
    title: text("title"),
    severity: text("severity"),
    status: text("status"),
    startedAt: text("startedAt"),
    detectedAt: text("detectedAt"),
    resolvedAt: text("resolvedAt"),
    summary: text("summary"),
    environments: formData.getAll("environments"),
    services: text("services"),
    regions: text("regions"),
    customerImpact: text("customerImpact"),
    postmortemUrl: text("postmortemUrl"),
    genAiContributed: text("genAiContributed"),
  });
}

// Pages that show incidents, their links or what follows from them (findings, the chart).
function revalidateIncident(key: string, tools: string[] = []) {
  revalidatePath("/incidents");
  revalidatePath(`/incidents/${key}`);
  revalidatePath("/");
  revalidatePath("/findings");
  for (const slug of tools) revalidatePath(`/tools/${slug}`);
}

export async function createIncidentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  let key: string;
  try {
    assertSafeForm(formData);
    const actor = await requirePermission("incident:write");
    const created = await createIncident(actor, incidentFromForm(formData));
    key = created.key;
    revalidateIncident(key);
  } catch (error) {
    return actionError(error);
  }
  redirect(`/incidents/${encodeURIComponent(key)}`);
}

export async function updateIncidentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  let key: string;
  try {
    assertSafeForm(formData);
    const actor = await requirePermission("incident:write");
    const { key: parsedKey, ...input } = incidentFromForm(formData);
    key = parsedKey;
    const updated = await updateIncident(actor, key, input);
    revalidateIncident(key, updated.tools.map((t) => t.tool));
  } catch (error) {
    return actionError(error);
  }
  redirect(`/incidents/${encodeURIComponent(key)}`);
}

// From the incident page (incident fixed, tool chosen) or the tool page (tool fixed, incident chosen).
export async function linkIncidentToolAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    assertSafeForm(formData);
    const actor = await requirePermission("incident:write");
    const key = incidentKeySchema.parse(formData.get("incident") ?? "");
    const link = incidentToolLinkSchema.parse({ tool: formData.get("tool") ?? "", role: formData.get("role") ?? "" });
    const result = await linkIncidentTool(actor, key, link);
    revalidateIncident(key, [link.tool]);
    const verb = result.created ? "Linked" : result.changed ? "Changed the role of" : "Already linked:";
    return { ok: true, message: `${verb} ${link.tool} ${result.created ? "to" : "in"} ${key} as ${link.role}.` };
  } catch (error) {
    const state = actionError(error);
    // The key comes from a select named "incident" on the tool page.
    if (state.fieldErrors?.key) state.fieldErrors.incident = state.fieldErrors.key;
    return state;
  }
}

export async function unlinkIncidentToolAction(key: string, slug: string): Promise<void> {
  const actor = await requirePermission("incident:write");
  await unlinkIncidentTool(actor, key, slug);
  revalidateIncident(key, [slug]);
}

export async function linkIncidentChangeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    assertSafeForm(formData);
    const actor = await requirePermission("incident:write");
    const key = incidentKeySchema.parse(formData.get("incident") ?? "");
    const externalId = String(formData.get("change") ?? "").trim();
    if (!externalId) return { error: "Check the highlighted fields.", fieldErrors: { change: "Enter the change's external id, e.g. deploy-48211." } };
    await linkIncidentChange(actor, key, externalId);
    revalidateIncident(key);
    return { ok: true, message: `Linked change ${externalId}.` };
  } catch (error) {
    return actionError(error);
  }
}
