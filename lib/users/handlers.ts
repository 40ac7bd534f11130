import "server-only";
import { z } from "zod";
import { handle, HttpError } from "@/lib/http/errors";
import { readJsonObject } from "@/lib/http/read-json";
import { createUser, DuplicateEmailError, listUsers } from "@/lib/users/queries";
import { newUserSchema, REQUIRED_MESSAGE } from "@/lib/users/schema";

/** GET /api/users (and the seed's /users): every user, ordered by id. */
export function listUsersHandler(): Promise<Response> {
  return handle(async () => Response.json(await listUsers()));
}

/** POST /api/users (and the seed's /users): `{ name, email }` → 201 with the new user. */
export function createUserHandler(request: Request): Promise<Response> {
  return handle(async () => {
    const parsed = newUserSchema.safeParse(await readJsonObject(request));
    if (!parsed.success) {
      const fields = z.flattenError(parsed.error).fieldErrors;
      const missing = [fields.name, fields.email].some((e) => e?.includes(REQUIRED_MESSAGE));
      const message = missing
        ? REQUIRED_MESSAGE
        : (parsed.error.issues[0]?.message ?? "Invalid input.");
      throw new HttpError(400, "invalid_input", message, fields);
    }
    try {
      return Response.json(await createUser(parsed.data), { status: 201 });
    } catch (error) {
      if (error instanceof DuplicateEmailError)
        throw new HttpError(409, "email_taken", error.message);
      throw error;
    }
  });
}
