"use client";

import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import type { ConnectionStatus } from "@/lib/messages/status";

type Report = (status: ConnectionStatus | null) => void;

// null: the current page holds no live connection, so the header shows nothing.
const StatusContext = createContext<ConnectionStatus | null>(null);
const ReportContext = createContext<Report>(() => {});

/** Lets the page that owns the live connection tell the header how it is doing. */
export function ConnectionStatusProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<ConnectionStatus | null>(null);
  return (
    <ReportContext value={setStatus}>
      <StatusContext value={status}>{children}</StatusContext>
    </ReportContext>
  );
}

export function useConnectionStatus(): ConnectionStatus | null {
  return useContext(StatusContext);
}

/** Publishes `status` while the calling component is mounted. */
export function useReportConnectionStatus(status: ConnectionStatus): void {
  const report = useContext(ReportContext);
  useEffect(() => {
    report(status);
  }, [report, status]);
  useEffect(() => () => report(null), [report]);
}
