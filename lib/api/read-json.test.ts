import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { assertJsonContentType } from "./read-json";

function refusal(contentType: string | undefined): string | null {
  try {
    assertJsonContentType(contentType);
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : "other";
  }
}

describe("a JSON body's content type", () => {
  it("takes application/json and +json types, in UTF-8 or without a charset", () => {
    for (const type of ["application/json", "Application/JSON; charset=UTF-8", "application/merge-patch+json", 'application/json; charset="utf-8"', "application/json;charset=utf8"]) {
      expect(refusal(type), type).toBeNull();
    }
  });

  it("refuses other types and other charsets with 415", () => {
    for (const type of [undefined, "", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/json; charset=iso-8859-1"]) {
      expect(refusal(type), String(type)).toBe("UNSUPPORTED_MEDIA_TYPE");
    }
  });
});
