import type { Metadata } from "next";
import { ServerMessages } from "@/components/server-messages";

// The root segment's own page is outside its title template, so it spells the full title.
export const metadata: Metadata = { title: { absolute: "Messages from server · Tidings" } };

// Static shell; the only data is the live stream, which the client component subscribes to.
export default function HomePage() {
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Messages from server</h1>
        <p className="max-w-2xl text-zinc-600 dark:text-zinc-400">
          Messages pushed by the server over Server-Sent Events appear here the moment they are
          sent, newest first.
        </p>
      </div>
      <ServerMessages />
    </div>
  );
}
