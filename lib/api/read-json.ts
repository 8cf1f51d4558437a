// Request bodies, read the same way by every route: a size limit checked before and while reading,
// JSON only with a JSON content type, and no text the database cannot store.
import { AppError } from "@/lib/errors/app-error";
import { unsafeTextIssue } from "@/lib/validation/safe-text";

// A batch of 1,000 changes is about 0.5 MB and an import of 10,000 tools about 2 MB; anything far
// larger is a mistake or an attack, and must not be held in memory.
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export function tooLarge(): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
}

/** Refuses a declared Content-Length over the limit before anything is read. */
export function assertDeclaredLength(contentLength: string | null | undefined): void {
  if (contentLength && Number(contentLength) > MAX_BODY_BYTES) throw tooLarge();
}

// application/json or any +json type (application/merge-patch+json…). A form or text/plain body is
// what a cross-site HTML form can send without a preflight, so it is never read as JSON.
// Bodies are read as UTF-8 (RFC 8259 §8.1); another declared charset would be read wrongly.
export function assertJsonContentType(contentType: string | null | undefined): void {
  const [type = "", ...parameters] = (contentType ?? "").split(";");
  const mediaType = type.trim().toLowerCase();
  const charset = parameters.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith("charset="))?.slice("charset=".length).replace(/"/g, "");
  const isJson = mediaType === "application/json" || /^application\/[\w.+-]+\+json$/.test(mediaType);
  if (isJson && (charset === undefined || charset === "utf-8" || charset === "utf8")) return;
  throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Send the body as application/json in UTF-8 (got ${contentType?.trim() || "no content type"}).`, [
    { field: "content-type", message: "must be application/json (UTF-8)" },
  ]);
}

/** A body read as text (an import's CSV or JSON) is read only in the media types its operation names. */
export function assertTextContentType(contentType: string | null | undefined, mediaTypes: readonly string[]): void {
  const mediaType = contentType?.split(";")[0].trim().toLowerCase() ?? "";
  if (mediaTypes.includes(mediaType)) return;
  throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Send the body as ${mediaTypes.join(" or ")} (got ${mediaType || "no content type"}).`, [
    { field: "content-type", message: `must be ${mediaTypes.join(" or ")}` },
  ]);
}

export function parseJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION", "The request body is not valid JSON.", [{ field: "body", message: "not valid JSON" }]);
  }
  const issue = unsafeTextIssue(value);
  if (issue) throw new AppError("VALIDATION", `${issue.field}: ${issue.message}`, [issue]);
  return value;
}

/** The body as text, at most MAX_BODY_BYTES however it is sent (with or without Content-Length). */
export async function readBodyText(request: Request): Promise<string> {
  assertDeclaredLength(request.headers.get("content-length"));
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function readJson(request: Request): Promise<unknown> {
  assertJsonContentType(request.headers.get("content-type"));
  return parseJson(await readBodyText(request));
}
