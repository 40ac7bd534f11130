/** Which figures each mode prints, their Tidings ÷ bare ratios and targets. */
import type { Mode } from "./args";
import type { Measured } from "./mode-common";

export type Value = number | string | undefined;

export interface Row {
  label: string;
  get: (m: Measured) => Value;
  /** Print Tidings ÷ bare. */
  ratio?: boolean;
  target?: {
    text: string;
    met: (tidings: Measured, bare: Measured | undefined) => boolean | undefined;
  };
}

const num = (v: unknown): number => (typeof v === "number" ? v : NaN);
const lat =
  (key: "p50" | "p95" | "p99" | "max", of = "latency") =>
  (m: Measured) =>
    num((m[of] as Record<string, unknown>)?.[key]);
const pair = (m: Measured, of: string) =>
  `${format(lat("p50", of)(m))} / ${format(lat("p99", of)(m))}`;
const zero = (key: string): Row => ({
  label: key,
  get: (m) => num(m[key]),
  target: { text: "0", met: (t) => num(t[key]) === 0 },
});
const pg = (m: Measured) => {
  const p = m.postgres as { pssKb: number; processes: number } | undefined;
  return p ? `${(p.pssKb / 1024).toFixed(0)} MB / ${p.processes} procs` : undefined;
};

const DELIVERY: Row[] = ["lost", "duplicated", "mismatched", "dropped", "unexpectedEvents"].map(
  zero,
);

// CPU of everything but the server, and the publish requests' outcome: the same in two modes.
const OTHER_CPU: Row[] = [
  { label: "generator CPU %", get: (m) => num(m.generatorCpuPct) },
  { label: "orchestrator CPU %", get: (m) => num(m.orchestratorCpuPct) },
  { label: "PostgreSQL CPU %", get: (m) => num(m.postgresCpuPct) },
  { label: "(kernel irq+softirq CPU %)", get: (m) => num(m.softirqCpuPct) },
  { label: "other processes CPU %", get: (m) => num(m.otherCpuPct) },
  { label: "machine CPU % (of 200)", get: (m) => num(m.machineCpuPct) },
];

const PUBLISHING: Row[] = [
  {
    label: "publish requests failed",
    get: (m) => num(m.publishFailed),
    target: { text: "0", met: (t) => num(t.publishFailed) === 0 },
  },
  { label: "publish RTT p50 (ms)", get: (m) => num(m.publishRttP50), ratio: true },
  { label: "publish RTT p99 (ms)", get: (m) => num(m.publishRttP99), ratio: true },
];

export const ROWS: Record<Mode, Row[]> = {
  fanout: [
    { label: "connected", get: (m) => num(m.connected) },
    {
      label: "failed",
      get: (m) => num(m.failed),
      target: { text: "0", met: (t) => num(t.failed) === 0 },
    },
    {
      label: "connect all (s)",
      get: (m) => num(m.connectMs) / 1000,
      ratio: true,
      target: {
        text: "≤ 30 at 10,000",
        met: (t) => (num(t.connected) >= 10_000 ? num(t.connectMs) <= 30_000 : undefined),
      },
    },
    { label: "latency p50 (ms)", get: lat("p50"), ratio: true },
    { label: "latency p95 (ms)", get: lat("p95"), ratio: true },
    {
      label: "latency p99 (ms)",
      get: lat("p99"),
      ratio: true,
      target: {
        text: "≤ 2× bare",
        met: (t, b) => (b ? lat("p99")(t) <= 2 * lat("p99")(b) : undefined),
      },
    },
    { label: "latency max (ms)", get: lat("max"), ratio: true },
    { label: "1st subscriber p50/p99 (ms)", get: (m) => pair(m, "firstLatency") },
    { label: "last subscriber p50/p99 (ms)", get: (m) => pair(m, "lastLatency") },
    {
      label: "RSS per stream (KiB)",
      get: (m) => num(m.rssPerStreamKb),
      ratio: true,
      target: { text: "≤ 25", met: (t) => num(t.rssPerStreamKb) <= 25 },
    },
    { label: "server RSS before (MiB)", get: (m) => num(m.rssBeforeKb) / 1024 },
    { label: "server RSS connected (MiB)", get: (m) => num(m.rssAfterKb) / 1024 },
    { label: "server RSS end (MiB)", get: (m) => num(m.rssEndKb) / 1024 },
    { label: "PostgreSQL PSS", get: pg },
    {
      label: "open fds server / generator",
      get: (m) => `${format(num(m.serverFds))} / ${format(num(m.generatorFds))}`,
    },
    { label: "server CPU % (publish)", get: (m) => num(m.serverCpuPct), ratio: true },
    ...OTHER_CPU,
    { label: "published", get: (m) => num(m.published) },
    ...PUBLISHING,
    { label: "received (all subs)", get: (m) => num(m.received) },
    ...DELIVERY,
  ],
  throughput: [
    {
      label: "accepted events/s",
      get: (m) => num(m.acceptedPerSec),
      ratio: true,
      target: { text: "≥ 5,000", met: (t) => num(t.acceptedPerSec) >= 5000 },
    },
    { label: "delivered events/s/sub", get: (m) => num(m.deliveredPerSec), ratio: true },
    { label: "drain after publish (ms)", get: (m) => num(m.drainMs) },
    { label: "published", get: (m) => num(m.published) },
    ...PUBLISHING,
    { label: "latency p50 (ms)", get: lat("p50"), ratio: true },
    { label: "latency p99 (ms)", get: lat("p99"), ratio: true },
    { label: "server CPU %", get: (m) => num(m.serverCpuPct) },
    ...OTHER_CPU,
    { label: "server RSS end (MiB)", get: (m) => num(m.rssEndKb) / 1024 },
    { label: "PostgreSQL PSS", get: pg },
    { label: "subscribers", get: (m) => num(m.subscribers) },
    ...DELIVERY,
  ],
  replay: [
    {
      label: "replay all (ms)",
      get: (m) => num(m.replayMs),
      ratio: true,
      target: { text: "< 1,000", met: (t) => num(t.replayMs) < 1000 },
    },
    { label: "first byte (ms)", get: (m) => num(m.firstByteMs), ratio: true },
    { label: "published", get: (m) => num(m.published) },
    { label: "received", get: (m) => num(m.received) },
    ...DELIVERY,
  ],
};

export function format(v: Value): string {
  if (v === undefined) return "–";
  if (typeof v === "string") return v;
  if (Number.isNaN(v)) return "n/a";
  if (Number.isInteger(v) || Math.abs(v) >= 1000) return Math.round(v).toLocaleString("en-US");
  return v.toFixed(Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2);
}
