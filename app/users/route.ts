import { createUserHandler, listUsersHandler } from "@/lib/users/handlers";

// The seed app's original path; same behaviour as /api/users.
export const dynamic = "force-dynamic";

export const GET = listUsersHandler;
export const POST = createUserHandler;
