/** One SSE client on a raw TCP socket: hand-written GET, header sniffing, chunked + SSE parsing. */
import net from "node:net";
import { ChunkedDecoder } from "./chunked";
import { SseParser, type SseSink } from "./sse-parser";

const HEADER_END = Buffer.from("\r\n\r\n");
// Every socket reads into this one buffer (net `onread`): no allocation per read; parsers copy partial lines.
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);

export interface SubscriberHooks {
  /** Receive time of the chunk being parsed, set once per socket read. */
  now(): number;
  onHeaders(sub: Subscriber, ok: boolean, reason: string): void;
  onClose(sub: Subscriber): void;
  onLatency(ms: number, id: number): void;
}

export class Subscriber implements SseSink {
  socket: net.Socket | undefined;
  connected = false;
  closed = false;
  startedAt = 0;
  firstByteAt = NaN;
  lastId = -1;
  distinct = 0;
  duplicated = 0;
  idSum = 0;
  unexpected = 0;
  pings = 0;
  private head: Buffer | undefined;
  private chunked: ChunkedDecoder | undefined;
  private readonly parser: SseParser;

  constructor(
    private readonly hooks: SubscriberHooks,
    expectedEvent: string,
  ) {
    this.parser = new SseParser(this, '"t":', expectedEvent);
  }

  open(host: string, port: number, path: string): void {
    this.startedAt = this.hooks.now();
    const socket = net.connect({
      host,
      port,
      noDelay: true,
      onread: { buffer: READ_BUFFER, callback: (n, buf) => this.data(buf as Buffer, n) },
    });
    this.socket = socket;
    socket.on("connect", () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nAccept: text/event-stream\r\n\r\n`,
      );
    });
    socket.on("error", (error: NodeJS.ErrnoException) => this.fail(error.code ?? error.message));
    socket.on("close", () => {
      if (!this.connected) this.fail("closed before headers");
      if (!this.closed) {
        this.closed = true;
        this.hooks.onClose(this);
      }
    });
  }

  fail(reason: string): void {
    if (this.connected || this.closed) return;
    this.closed = true;
    this.socket?.destroy();
    this.hooks.onHeaders(this, false, reason);
  }

  private data(buffer: Buffer, length: number): true {
    if (this.connected) {
      if (this.chunked) this.chunked.push(buffer, 0, length);
      else this.parser.push(buffer, 0, length);
      return true;
    }
    const chunk = buffer.subarray(0, length);
    if (Number.isNaN(this.firstByteAt)) this.firstByteAt = this.hooks.now();
    const head = this.head ? Buffer.concat([this.head, chunk]) : chunk;
    const end = head.indexOf(HEADER_END);
    if (end === -1) {
      this.head = Buffer.from(head);
      return true;
    }
    this.head = undefined;
    const text = head.toString("latin1", 0, end);
    const status = text.slice(9, 12);
    if (status !== "200") {
      this.fail(`HTTP ${status}`);
      return true;
    }
    this.connected = true;
    this.hooks.onHeaders(this, true, "");
    if (/\r\ntransfer-encoding:\s*chunked/i.test(text)) {
      this.chunked = new ChunkedDecoder((b, s, e) => this.parser.push(b, s, e));
      this.chunked.push(head, end + 4);
    } else this.parser.push(head, end + 4);
    return true;
  }

  onEvent(id: number, sentAt: number, nameMatches: boolean): void {
    if (!nameMatches) {
      this.unexpected++;
      return;
    }
    if (id <= this.lastId) {
      this.duplicated++;
      return;
    }
    this.lastId = id;
    this.distinct++;
    this.idSum += id;
    if (!Number.isNaN(sentAt)) this.hooks.onLatency(this.hooks.now() - sentAt, id);
  }

  onRetry(): void {}

  onComment(): void {
    this.pings++;
  }
}
