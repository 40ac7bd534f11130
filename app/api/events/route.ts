import { publishEventsHandler } from "@/lib/publish/handler";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = publishEventsHandler;
