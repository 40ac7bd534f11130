/** The state of a live connection; the one definition the header, pages and live hooks share. */
export type ConnectionStatus = "connecting" | "live" | "reconnecting" | "offline";

export const connectionStatusLabels: Record<ConnectionStatus, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  offline: "Offline",
};
