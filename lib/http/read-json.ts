import { HttpError } from "@/lib/http/errors";

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(
    413,
    "payload_too_large",
    `The request body must be at most ${maxBytes} bytes.`,
  );
}

/**
 * Reads a request body as UTF-8 text, refusing more than `maxBytes`: first by Content-Length, then
 * while streaming, so an oversized or unannounced body is cut off as soon as it crosses the limit.
 */
export async function readLimitedText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Stop the upload instead of draining it; cancellation errors are of no interest here.
      reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, "invalid_json", "The request body must be UTF-8 encoded JSON.");
  }
}

async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  const text = await readLimitedText(request, maxBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "invalid_json", "The request body must be valid JSON.");
  }
}

/** Reads a request body that must be a JSON object, no larger than `maxBytes`. */
export async function readJsonObject(
  request: Request,
  maxBytes = 16 * 1024,
): Promise<Record<string, unknown>> {
  const value = await readJson(request, maxBytes);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new HttpError(400, "invalid_body", "The request body must be a JSON object.");
  }
  return value as Record<string, unknown>;
}

/** Reads a request body that must be a JSON object or a JSON array, no larger than `maxBytes`. */
export async function readJsonObjectOrArray(
  request: Request,
  maxBytes: number,
): Promise<Record<string, unknown> | unknown[]> {
  const value = await readJson(request, maxBytes);
  if (typeof value !== "object" || value === null) {
    throw new HttpError(400, "invalid_body", "The request body must be a JSON object or an array.");
  }
  return value as Record<string, unknown> | unknown[];
}
