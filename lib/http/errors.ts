/** The one error shape every handler returns: `{ error: { code, message, fields? } }`. */
export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string[] | undefined> };
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string[] | undefined>,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export function errorResponse(error: HttpError): Response {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.fields) body.error.fields = error.fields;
  return Response.json(body, { status: error.status });
}

/**
 * Runs a handler and turns anything it throws into a JSON error: HttpErrors as they are, anything
 * else as a 503 with no internal text, logged on the server only.
 */
export async function handle(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof HttpError) return errorResponse(error);
    console.error("Request failed:", error);
    return errorResponse(
      new HttpError(503, "unavailable", "The service could not complete the request. Try again."),
    );
  }
}
