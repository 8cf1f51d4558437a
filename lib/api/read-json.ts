import { AppError } from "@/lib/errors/app-error";

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION", "The request body is not valid JSON.");
  }
}

export async function readJson(request: Request): Promise<unknown> {
  return parseJson(await request.text());
}
