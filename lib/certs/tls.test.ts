import { once } from "node:events";
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSelfSignedCertificate,
  type KeyType,
  type SelfSignedCertificate,
} from "./self-signed";

interface Reply {
  status: number | undefined;
  body: string;
  authorized: boolean;
  protocol: string | null;
}

function get(options: https.RequestOptions): Promise<Reply> {
  return new Promise((resolve, reject) => {
    // agent: false so no pooled socket keeps the server open after the test.
    const request = https.get(
      { path: "/hello", agent: false, timeout: 5000, ...options },
      (response) => {
        const socket = response.socket as TLSSocket;
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode,
            body,
            authorized: socket.authorized,
            protocol: socket.getProtocol(),
          }),
        );
      },
    );
    request.on("timeout", () => request.destroy(new Error("request timed out")));
    request.on("error", reject);
  });
}

async function serve(pair: SelfSignedCertificate, host: string): Promise<https.Server> {
  const server = https.createServer(
    { key: pair.keyPem, cert: pair.certPem },
    (request, response) => {
      response.end(`hello over TLS: ${request.url ?? ""}`);
    },
  );
  server.listen(0, host);
  await once(server, "listening");
  return server;
}

async function stop(server: https.Server | undefined): Promise<void> {
  if (!server?.listening) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

describe.each<KeyType>(["rsa", "ec"])("HTTPS with the generated %s certificate", (keyType) => {
  let pair: SelfSignedCertificate;
  let server: https.Server;
  let port: number;

  beforeAll(async () => {
    pair = await createSelfSignedCertificate({ keyType });
    server = await serve(pair, "127.0.0.1");
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => stop(server));

  it("completes a verified handshake for localhost and returns the body", async () => {
    const reply = await get({ host: "127.0.0.1", port, servername: "localhost", ca: pair.certPem });
    expect(reply).toMatchObject({ status: 200, body: "hello over TLS: /hello", authorized: true });
    expect(reply.protocol).toMatch(/^TLSv1\.[23]$/);
  });

  it("verifies by IP address when the client connects to 127.0.0.1 directly", async () => {
    const reply = await get({ host: "127.0.0.1", port, ca: pair.certPem });
    expect(reply.body).toBe("hello over TLS: /hello");
  });

  it("is refused by a client that does not trust it", async () => {
    await expect(get({ host: "127.0.0.1", port, servername: "localhost" })).rejects.toMatchObject({
      code: "DEPTH_ZERO_SELF_SIGNED_CERT",
    });
  });

  it("is refused for a host name it does not cover", async () => {
    await expect(
      get({ host: "127.0.0.1", port, servername: "example.com", ca: pair.certPem }),
    ).rejects.toMatchObject({ code: "ERR_TLS_CERT_ALTNAME_INVALID" });
  });
});

describe("HTTPS on ::1", () => {
  let pair: SelfSignedCertificate;
  let server: https.Server | undefined;

  beforeAll(async () => {
    pair = await createSelfSignedCertificate({ keyType: "ec" });
    // Some containers have no IPv6 loopback; the test is skipped there.
    server = await serve(pair, "::1").catch(() => undefined);
  });
  afterAll(() => stop(server));

  it("verifies against the IPv6 loopback address", async (context) => {
    if (!server) return context.skip("no IPv6 loopback here");
    const { port } = server.address() as AddressInfo;
    const reply = await get({ host: "::1", port, ca: pair.certPem });
    expect(reply).toMatchObject({ status: 200, authorized: true });
  });
});
