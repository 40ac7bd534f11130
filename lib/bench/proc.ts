/** Linux /proc readers: RSS, CPU ticks, and which pid listens on a port. */
import { readFileSync, readdirSync, readlinkSync } from "node:fs";

// USER_HZ is 100 on every Linux build Node supports.
const CLOCK_TICKS = 100;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** VmRSS in KiB (NaN when the process is gone). */
export function rssKb(pid: number): number {
  const match = /^VmRSS:\s+(\d+)/m.exec(read(`/proc/${pid}/status`) ?? "");
  return match ? Number(match[1]) : NaN;
}

/** Proportional set size in KiB: shared pages split among sharers, so sums over processes are fair. */
export function pssKb(pid: number): number {
  const match = /^Pss:\s+(\d+)/m.exec(read(`/proc/${pid}/smaps_rollup`) ?? "");
  return match ? Number(match[1]) : NaN;
}

/** utime + stime in clock ticks. */
export function cpuTicks(pid: number): number {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return NaN;
  // Fields after the command name: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

export function cpuPercent(ticks: number, elapsedMs: number): number {
  return (ticks / CLOCK_TICKS / (elapsedMs / 1000)) * 100;
}

/** Starts a CPU meter; calling the result returns the % of one core used since. */
export function cpuMeter(pid: number): () => number {
  const start = cpuTicks(pid);
  const at = performance.now();
  return () => cpuPercent(cpuTicks(pid) - start, performance.now() - at);
}

function pids(): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

export function commandOf(pid: number): string {
  return (read(`/proc/${pid}/cmdline`) ?? "").split("\0").join(" ").trim();
}

/** The process holding the listening socket of `port`: the real server, not npm/sh/tsx wrappers. */
export function listeningPid(port: number): number | undefined {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  const inodes = new Set<string>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of (read(file) ?? "").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[1]?.endsWith(hex) && cols[3] === "0A" && cols[9]) inodes.add(`socket:[${cols[9]}]`);
    }
  }
  if (inodes.size === 0) return undefined;
  for (const pid of pids()) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (inodes.has(readlinkSync(`/proc/${pid}/fd/${fd}`))) return pid;
      } catch {
        // The fd closed while we looked.
      }
    }
  }
  return undefined;
}

/** `root` and all its descendants. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of pids()) {
    const stat = read(`/proc/${pid}/stat`);
    if (!stat) continue;
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Summed PSS (KiB) and process count of a process tree, e.g. the postmaster and its backends. */
export function treeMemory(root: number): { pssKb: number; processes: number } {
  const tree = processTree(root);
  return { pssKb: tree.reduce((sum, pid) => sum + (pssKb(pid) || 0), 0), processes: tree.length };
}

function machineTicks(): { busy: number; irq: number } {
  const cols = (read("/proc/stat") ?? "").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = cols.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - (cols[3] ?? 0) - (cols[4] ?? 0), irq: (cols[5] ?? 0) + (cols[6] ?? 0) };
}

/** Like cpuMeter, for the whole machine (every process, kernel included; 100 % = one core). */
export function machineCpuMeter(): () => number {
  const start = machineTicks().busy;
  const at = performance.now();
  return () => cpuPercent(machineTicks().busy - start, performance.now() - at);
}

/** Interrupt + softirq time: loopback TCP is processed there, charged to no process. */
function irqCpuMeter(): () => number {
  const start = machineTicks().irq;
  const at = performance.now();
  return () => cpuPercent(machineTicks().irq - start, performance.now() - at);
}

/** CPU of a whole process tree (per-pid deltas, so backends that come and go count what they used). */
export function treeCpuMeter(root: number): () => number {
  const start = new Map(processTree(root).map((pid) => [pid, cpuTicks(pid)]));
  const at = performance.now();
  return () => {
    let ticks = 0;
    for (const pid of processTree(root)) ticks += cpuTicks(pid) - (start.get(pid) ?? 0) || 0;
    return cpuPercent(ticks, performance.now() - at);
  };
}

/** Every CPU figure of a phase; "other" is what the rest of the machine used (other users' work). */
export function phaseCpuMeter(pids: { server?: number; generator: number; postgres?: number }) {
  const server = cpuMeter(pids.server ?? NaN);
  const generator = cpuMeter(pids.generator);
  const orchestrator = cpuMeter(process.pid);
  const postgres = pids.postgres ? treeCpuMeter(pids.postgres) : () => 0;
  const machine = machineCpuMeter();
  const irq = irqCpuMeter();
  return () => {
    const figures = {
      serverCpuPct: server(),
      generatorCpuPct: generator(),
      orchestratorCpuPct: orchestrator(),
      postgresCpuPct: postgres(),
      softirqCpuPct: irq(),
      machineCpuPct: machine(),
    };
    // Softirq time is also inside the processes' stime here, so it is not subtracted again.
    const { serverCpuPct, generatorCpuPct, orchestratorCpuPct, postgresCpuPct } = figures;
    const ours = serverCpuPct + generatorCpuPct + orchestratorCpuPct + postgresCpuPct;
    return { ...figures, otherCpuPct: figures.machineCpuPct - ours };
  };
}

/** Open file descriptors of a process (NaN when unreadable). */
export function fdCount(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return NaN;
  }
}
