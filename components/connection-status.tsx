"use client";

import { Badge, type BadgeTone } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { useConnectionStatus } from "@/components/connection-status-provider";
import { connectionStatusLabels, type ConnectionStatus } from "@/lib/messages/status";

const tones: Record<ConnectionStatus, BadgeTone> = {
  connecting: "neutral",
  live: "success",
  reconnecting: "warning",
  offline: "danger",
};

const dots: Record<ConnectionStatus, string> = {
  connecting: "bg-zinc-400 motion-safe:animate-pulse",
  live: "bg-emerald-500",
  reconnecting: "bg-amber-500 motion-safe:animate-pulse",
  offline: "bg-rose-500",
};

/** Header slot; a polite live region that exists from the first paint so changes are announced. */
export function ConnectionStatusIndicator() {
  const status = useConnectionStatus();
  return (
    <div role="status" aria-live="polite" data-status={status ?? "none"} className="min-h-6">
      {status && (
        <Badge tone={tones[status]}>
          <span className="relative flex size-2" aria-hidden="true">
            {status === "live" && (
              <span className="absolute inline-flex size-full rounded-full bg-emerald-400 opacity-75 motion-safe:animate-ping" />
            )}
            <span className={cn("relative inline-flex size-2 rounded-full", dots[status])} />
          </span>
          <span className="sr-only">Connection status: </span>
          {connectionStatusLabels[status]}
        </Badge>
      )}
    </div>
  );
}
