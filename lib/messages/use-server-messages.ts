"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { addMessage, parseMessage, type ReceivedMessage } from "@/lib/messages/message";
import type { ConnectionStatus } from "@/lib/messages/status";

export type ServerMessagesState = {
  messages: readonly ReceivedMessage[];
  status: ConnectionStatus;
  /** Opens a fresh connection; EventSource gives up for good once it is CLOSED. */
  reconnect: () => void;
};

/** Subscribes to the server's message stream with EventSource (which retries by itself). */
export function useServerMessages(url: string = "/events"): ServerMessagesState {
  const [messages, setMessages] = useState<readonly ReceivedMessage[]>([]);
  const [status, setStatus] = useState<ConnectionStatus>("connecting");
  const [attempt, setAttempt] = useState(0);
  const lastId = useRef<string | null>(null);

  useEffect(() => {
    // A new EventSource has no Last-Event-ID; the query parameter resumes after what we have.
    const target = new URL(url, window.location.href);
    if (lastId.current !== null) target.searchParams.set("lastEventId", lastId.current);
    const source = new EventSource(target);
    source.onopen = () => setStatus("live");
    source.onmessage = (event: MessageEvent<unknown>) => {
      const message = parseMessage(event.lastEventId, event.data);
      if (!message) return;
      lastId.current = message.id;
      setMessages((list) => addMessage(list, message));
    };
    source.onerror = () => {
      setStatus(source.readyState === EventSource.CLOSED ? "offline" : "reconnecting");
    };
    return () => source.close();
  }, [url, attempt]);

  const reconnect = useCallback(() => {
    setStatus("connecting");
    setAttempt((n) => n + 1);
  }, []);

  return { messages, status, reconnect };
}
