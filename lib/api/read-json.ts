import { AppError } from "@/lib/errors/app-error";

export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError("VALIDATION", "The request body is not valid JSON.");
  }
}
