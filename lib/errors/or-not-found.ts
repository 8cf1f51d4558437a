import { notFound } from "next/navigation";
import { AppError } from "./app-error";

// Pages turn a missing record into Next's 404 page; every other error still surfaces.
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
