// Any /api path no route serves: the API's 404 body rather than the HTML page a browser would get.
import { apiError } from "@/lib/api/error-body";
import { AppError } from "@/lib/errors/app-error";

function unknownRoute(request: Request): Response {
  const { status, body, headers } = apiError(new AppError("NOT_FOUND", `No API route ${new URL(request.url).pathname}; GET /api/v1/openapi.json lists them.`));
  return Response.json(body, { status, headers });
}

export { unknownRoute as GET, unknownRoute as POST, unknownRoute as PUT, unknownRoute as PATCH, unknownRoute as DELETE };
