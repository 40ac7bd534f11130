import { z } from "zod";

export const REQUIRED_MESSAGE = "Name and email are required fields.";

const required = z
  .string({ error: REQUIRED_MESSAGE })
  .trim()
  .min(1, { error: REQUIRED_MESSAGE });

/** A new user, as the seed app's form and JSON API accept it. */
export const newUserSchema = z.object({
  name: required.max(200, { error: "Name must be at most 200 characters." }),
  email: required
    .max(254, { error: "Email must be at most 254 characters." })
    .pipe(z.email({ error: "Email address is not valid." })),
});

export type NewUser = z.infer<typeof newUserSchema>;

/** What the API shows of a user. */
export interface PublicUser {
  id: string;
  name: string;
  email: string;
}
