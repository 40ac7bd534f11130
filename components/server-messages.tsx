"use client";

import { useReportConnectionStatus } from "@/components/connection-status-provider";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { MAX_MESSAGES, type ReceivedMessage } from "@/lib/messages/message";
import { useServerMessages } from "@/lib/messages/use-server-messages";

let formatter: Intl.DateTimeFormat | undefined;

// Created lazily so it always uses the viewer's locale (messages only render in the browser).
function formatTimestamp(iso: string): string {
  formatter ??= new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
  return formatter.format(new Date(iso));
}

/** The live "Messages from server" feed, newest first. */
export function ServerMessages() {
  const { messages, status, reconnect } = useServerMessages();
  useReportConnectionStatus(status);

  return (
    <Card aria-labelledby="messages-title">
      <CardHeader>
        <CardTitle id="messages-title">Latest messages</CardTitle>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          {messages.length > 0
            ? `Showing ${messages.length} of the latest ${MAX_MESSAGES}`
            : `Keeps the latest ${MAX_MESSAGES}`}
        </p>
      </CardHeader>

      {status === "offline" && (
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-rose-200 bg-rose-50 px-5 py-3 text-sm text-rose-800 dark:border-rose-900 dark:bg-rose-950/60 dark:text-rose-200">
          <p>The connection to the server was closed.</p>
          <Button onClick={reconnect}>Reconnect</Button>
        </div>
      )}

      {/* role="log" is a polite live region: screen readers hear each new message. */}
      <div role="log" aria-live="polite" aria-labelledby="messages-title">
        {messages.length === 0 ? (
          <p className="px-5 py-12 text-center text-sm text-zinc-500 dark:text-zinc-400">
            {status === "offline" ? "No messages yet." : "Waiting for the first message…"}
          </p>
        ) : (
          <ol className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {messages.map((message) => (
              <MessageItem key={message.id} message={message} />
            ))}
          </ol>
        )}
      </div>
    </Card>
  );
}

function MessageItem({ message }: { message: ReceivedMessage }) {
  return (
    <li
      data-message-id={message.id}
      className="motion-safe:animate-fade-in flex flex-col gap-1 px-5 py-3.5 sm:flex-row sm:items-baseline sm:justify-between sm:gap-6"
    >
      <p className="text-sm font-medium text-pretty">{message.message}</p>
      <time
        dateTime={message.timestamp}
        title={message.timestamp}
        className="shrink-0 text-xs text-zinc-500 tabular-nums dark:text-zinc-400"
      >
        {formatTimestamp(message.timestamp)}
      </time>
    </li>
  );
}
