/** Deeper payloads are refused: nobody needs them, and walking them must not exhaust the stack. */
export const MAX_PAYLOAD_DEPTH = 64;

function stringProblem(text: string): string | null {
  // PostgreSQL's jsonb cannot hold U+0000 or unpaired surrogates; refuse them here, not as a DB error.
  if (text.includes("\u0000")) return "must not contain the character U+0000";
  if (!text.isWellFormed()) return "must not contain unpaired UTF-16 surrogates";
  return null;
}

/** Why `value` (already parsed JSON) cannot be stored as a jsonb payload, or null when it can. */
export function payloadProblem(value: unknown, depth = 0): string | null {
  if (typeof value === "string") return stringProblem(value);
  if (typeof value !== "object" || value === null) return null;
  if (depth >= MAX_PAYLOAD_DEPTH) return `must be nested at most ${MAX_PAYLOAD_DEPTH} levels deep`;
  const entries = Array.isArray(value)
    ? value.map((item) => ["", item] as const)
    : Object.entries(value);
  for (const [key, item] of entries) {
    const problem = stringProblem(key) ?? payloadProblem(item, depth + 1);
    if (problem) return problem;
  }
  return null;
}
