/** The orchestrator's handle on the load generator child: typed request/response over IPC. */
import type { ChildProcess } from "node:child_process";
import { forkLoadGen, stopChild } from "./children";
import type {
  Command,
  ConnectCommand,
  ConnectResult,
  GeneratorMessage,
  GeneratorReport,
} from "./protocol";

type Of<T extends GeneratorMessage["type"]> = Extract<GeneratorMessage, { type: T }>;

export class Generator {
  private constructor(private readonly child: ChildProcess) {}

  static async start(): Promise<Generator> {
    const child = forkLoadGen();
    const generator = new Generator(child);
    await generator.next("ready", 30_000);
    return generator;
  }

  get pid(): number {
    return this.child.pid ?? NaN;
  }

  /** The next message of `type` from the child; rejects if it exits or stays silent too long. */
  next<T extends GeneratorMessage["type"]>(type: T, timeoutMs: number): Promise<Of<T>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => done(new Error(`load generator: no "${type}" in ${timeoutMs} ms`)),
        timeoutMs,
      );
      const onMessage = (message: GeneratorMessage) => {
        if (message.type === type) done(undefined, message as Of<T>);
      };
      const onExit = (code: number | null) => done(new Error(`load generator exited (${code})`));
      const done = (error?: Error, message?: Of<T>) => {
        clearTimeout(timer);
        this.child.off("message", onMessage);
        this.child.off("exit", onExit);
        if (error) reject(error);
        else resolve(message!);
      };
      this.child.on("message", onMessage);
      this.child.once("exit", onExit);
    });
  }

  send(command: Command): void {
    this.child.send(command);
  }

  connect(command: Omit<ConnectCommand, "cmd">): Promise<ConnectResult> {
    const reply = this.next("connected", command.timeoutMs + 30_000);
    this.send({ cmd: "connect", ...command });
    return reply;
  }

  async progress(): Promise<Of<"progress">> {
    const reply = this.next("progress", 30_000);
    this.send({ cmd: "progress" });
    return reply;
  }

  /** Polls until every subscriber has `count` events or `timeoutMs` passes. */
  async drain(count: number, timeoutMs: number): Promise<void> {
    const until = performance.now() + timeoutMs;
    while (performance.now() < until) {
      if ((await this.progress()).minReceived >= count) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  report(expectedCount: number, expectedIdSum: number): Promise<GeneratorReport> {
    const reply = this.next("report", 60_000);
    this.send({ cmd: "report", expectedCount, expectedIdSum });
    return reply;
  }

  async close(): Promise<void> {
    if (this.child.connected) this.send({ cmd: "close" });
    await new Promise((r) => setTimeout(r, 200));
    await stopChild(this.child, 2000);
  }
}
