import { createPrivateKey, X509Certificate } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ensureLocalCertificate,
  LOCAL_CERT_DIR,
  LOCAL_CERT_PATH,
  LOCAL_KEY_PATH,
  MAX_VALIDITY_DAYS,
} from "./index";

// EC keys generate in milliseconds; RSA is covered by the other test files.
const generate = { keyType: "ec" } as const;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "tidings-certs-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const read = (file: string) => readFile(file, "utf8");

describe("ensureLocalCertificate", () => {
  it("exports the paths dev:https passes to next dev", () => {
    expect(LOCAL_CERT_DIR).toBe("certs");
    expect(LOCAL_KEY_PATH).toBe("certs/localhost-key.pem");
    expect(LOCAL_CERT_PATH).toBe("certs/localhost.pem");
  });

  it("creates a matching key and certificate, the key readable only by its owner", async () => {
    const target = path.join(dir, "nested", "certs");
    const result = await ensureLocalCertificate({ dir: target, generate });

    expect(result).toMatchObject({
      keyPath: path.join(target, "localhost-key.pem"),
      certPath: path.join(target, "localhost.pem"),
      created: true,
    });
    expect((await stat(result.keyPath)).mode & 0o777).toBe(0o600);
    expect((await readdir(target)).sort()).toEqual(["localhost-key.pem", "localhost.pem"]);

    const cert = new X509Certificate(await read(result.certPath));
    expect(cert.checkHost("localhost")).toBe("localhost");
    expect(cert.checkPrivateKey(createPrivateKey(await read(result.keyPath)))).toBe(true);
    expect(result.validTo).toEqual(new Date(cert.validTo));
    expect(result.validTo.getTime() - Date.now()).toBeLessThanOrEqual(
      MAX_VALIDITY_DAYS * 86_400_000,
    );
  });

  it("keeps an existing pair untouched without force", async () => {
    const first = await ensureLocalCertificate({ dir, generate });
    const [key, cert] = [await read(first.keyPath), await read(first.certPath)];

    const second = await ensureLocalCertificate({ dir, generate });
    expect(second).toEqual({ ...first, created: false });
    expect(await read(second.keyPath)).toBe(key);
    expect(await read(second.certPath)).toBe(cert);
  });

  it("replaces the pair with force, keeping the key private", async () => {
    const first = await ensureLocalCertificate({ dir, generate });
    const [key, cert] = [await read(first.keyPath), await read(first.certPath)];

    const forced = await ensureLocalCertificate({ dir, force: true, generate });
    expect(forced.created).toBe(true);
    expect(await read(forced.keyPath)).not.toBe(key);
    expect(await read(forced.certPath)).not.toBe(cert);
    expect((await stat(forced.keyPath)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toHaveLength(2);
  });

  it("refuses to complete half a pair, leaving the existing file alone", async () => {
    const keyPath = path.join(dir, "localhost-key.pem");
    await writeFile(keyPath, "someone's own key");

    await expect(ensureLocalCertificate({ dir, generate })).rejects.toThrow(/--force/);
    expect(await read(keyPath)).toBe("someone's own key");
    expect(await readdir(dir)).toEqual(["localhost-key.pem"]);

    await expect(ensureLocalCertificate({ dir, force: true, generate })).resolves.toMatchObject({
      created: true,
    });
  });
});
