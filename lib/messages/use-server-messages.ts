"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  addMessage,
  MESSAGE_EVENT,
  MESSAGES_TOPIC,
  parseMessage,
  type ReceivedMessage,
} from "@/lib/messages/message";
import type { ConnectionStatus } from "@/lib/messages/status";
import { useLiveEvents } from "@/lib/realtime/client";

export type ServerMessagesState = {
  messages: readonly ReceivedMessage[];
  status: ConnectionStatus;
  /** Opens a fresh connection once the server has refused one. */
  reconnect: () => void;
};

const subscription = { topics: [MESSAGES_TOPIC], events: [MESSAGE_EVENT] };

/** The server's messages, live on the browser's shared connection (topic `messages`). */
export function useServerMessages(): ServerMessagesState {
  const router = useRouter();
  const [messages, setMessages] = useState<readonly ReceivedMessage[]>([]);
  const { status, reconnect } = useLiveEvents(
    subscription,
    (event) => {
      const message = parseMessage(event.id, event.data);
      if (message) setMessages((list) => addMessage(list, message));
    },
    {
      // The history behind what this page shows is gone: start over from fresh data.
      onReset: () => {
        setMessages([]);
        router.refresh();
      },
    },
  );
  return { messages, status, reconnect };
}
