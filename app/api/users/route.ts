import { createUserHandler, listUsersHandler } from "@/lib/users/handlers";

export const dynamic = "force-dynamic";

export const GET = listUsersHandler;
export const POST = createUserHandler;
