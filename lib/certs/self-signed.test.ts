import { createPrivateKey, X509Certificate } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createSelfSignedCertificate,
  MAX_VALIDITY_DAYS,
  randomSerial,
  toPem,
  type KeyType,
  type SelfSignedCertificate,
} from "./self-signed";

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = new Date("2026-03-04T05:06:07.890Z");

// The extensions exactly as DER should spell them (RFC 5280 §4.2.1.9, §4.2.1.3, §4.2.1.12).
const BASIC_CONSTRAINTS_CA_FALSE = "300c0603551d130101ff04023000";
const KEY_USAGE_SIG_AND_ENCIPHER = "300e0603551d0f0101ff0404030205a0";
const EXT_KEY_USAGE_SERVER_AUTH = "30130603551d25040c300a06082b06010505070301";

describe.each<KeyType>(["rsa", "ec"])("createSelfSignedCertificate (%s)", (keyType) => {
  let generated: SelfSignedCertificate;
  let cert: X509Certificate;

  beforeAll(async () => {
    generated = await createSelfSignedCertificate({ keyType, now: NOW });
    cert = new X509Certificate(generated.certPem);
  });

  it("writes PEM: a PKCS#8 key and a certificate", () => {
    expect(generated.keyPem).toMatch(
      /^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/,
    );
    expect(generated.certPem).toMatch(
      /^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=]{1,64}\n)+-----END CERTIFICATE-----\n$/,
    );
    expect(createPrivateKey(generated.keyPem).asymmetricKeyType).toBe(keyType);
  });

  it("names localhost as subject and issuer", () => {
    expect(cert.subject.split("\n")).toContain("CN=localhost");
    expect(cert.issuer).toBe(cert.subject);
    expect(cert.subjectAltName).toBe(
      "DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1",
    );
  });

  it("matches localhost, 127.0.0.1 and ::1, and nothing else", () => {
    expect(cert.checkHost("localhost")).toBe("localhost");
    expect(cert.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(cert.checkIP("::1")).toBe("::1");
    expect(cert.checkHost("example.com")).toBeUndefined();
    expect(cert.checkIP("127.0.0.2")).toBeUndefined();
  });

  it("is valid for 397 days from an hour before now", () => {
    const from = new Date(cert.validFrom);
    const to = new Date(cert.validTo);
    expect(from.toISOString()).toBe("2026-03-04T04:06:07.000Z");
    expect(to.getTime() - from.getTime()).toBe(397 * DAY_MS);
    expect(generated.notBefore).toEqual(from);
    expect(generated.notAfter).toEqual(to);
  });

  it("is a server leaf: CA false, digitalSignature + keyEncipherment, serverAuth", () => {
    expect(cert.ca).toBe(false);
    expect(cert.keyUsage).toEqual(["1.3.6.1.5.5.7.3.1"]);
    const der = cert.raw.toString("hex");
    expect(der).toContain(BASIC_CONSTRAINTS_CA_FALSE);
    expect(der).toContain(KEY_USAGE_SIG_AND_ENCIPHER);
    expect(der).toContain(EXT_KEY_USAGE_SERVER_AUTH);
  });

  it("is a v3 certificate with a positive 16-byte serial", () => {
    const headerLength = (der: Buffer) => 2 + ((der[1] ?? 0) & 0x80 ? (der[1] ?? 0) & 0x7f : 0);
    const tbs = cert.raw.subarray(headerLength(cert.raw));
    expect(tbs.subarray(headerLength(tbs), headerLength(tbs) + 5).toString("hex")).toBe(
      "a003020102",
    );
    expect(cert.serialNumber).toMatch(/^[4-7][0-9A-F]{31}$/);
  });

  it("verifies with its own public key and matches its private key", () => {
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(generated.keyPem))).toBe(true);
  });

  it("fails verification once a signed byte changes", () => {
    const tampered = Buffer.from(cert.raw);
    const cn = tampered.indexOf("localhost");
    tampered[cn] = "L".charCodeAt(0);
    expect(new X509Certificate(toPem("CERTIFICATE", tampered)).verify(cert.publicKey)).toBe(false);
  });

  it("does not verify with another key", async () => {
    const other = new X509Certificate((await createSelfSignedCertificate({ keyType })).certPem);
    expect(cert.verify(other.publicKey)).toBe(false);
    expect(other.serialNumber).not.toBe(cert.serialNumber);
  });
});

describe("options", () => {
  it("refuses validity above the browser limit or below a day", async () => {
    expect(MAX_VALIDITY_DAYS).toBe(397);
    await expect(createSelfSignedCertificate({ validityDays: 398 })).rejects.toThrow(RangeError);
    await expect(createSelfSignedCertificate({ validityDays: 0 })).rejects.toThrow(RangeError);
  });

  it("takes other names and a shorter validity", async () => {
    const { certPem } = await createSelfSignedCertificate({
      keyType: "ec",
      commonName: "tidings.test",
      dnsNames: ["tidings.test", "*.tidings.test"],
      ipAddresses: ["10.0.0.5"],
      validityDays: 30,
    });
    const cert = new X509Certificate(certPem);
    expect(cert.subject.split("\n")).toContain("CN=tidings.test");
    expect(cert.checkHost("api.tidings.test")).toBe("*.tidings.test");
    expect(cert.checkIP("10.0.0.5")).toBe("10.0.0.5");
    expect(cert.checkHost("localhost")).toBeUndefined();
    expect(new Date(cert.validTo).getTime() - new Date(cert.validFrom).getTime()).toBe(30 * DAY_MS);
  });
});

describe("randomSerial", () => {
  it("is 16 bytes, positive and without a leading zero byte", () => {
    for (let i = 0; i < 200; i++) {
      const first = randomSerial()[0] ?? 0;
      expect(first & 0x80).toBe(0);
      expect(first & 0x40).toBe(0x40);
    }
    expect(randomSerial()).toHaveLength(16);
  });
});
