import { generateKeyPair, randomBytes, sign, type KeyObject } from "node:crypto";
import { promisify } from "node:util";
import {
  bitString,
  boolean,
  explicit,
  implicit,
  integer,
  nullValue,
  objectIdentifier,
  octetString,
  sequence,
  set,
  time,
  utf8String,
} from "./der";
import { ipAddressBytes } from "./ip-bytes";

/** Browsers reject leaf certificates valid for longer than 398 days; stay a day inside. */
export const MAX_VALIDITY_DAYS = 397;

const DAY_MS = 24 * 60 * 60 * 1000;
// Back-date a little so a client whose clock runs slightly behind still accepts the cert.
const CLOCK_SKEW_MS = 60 * 60 * 1000;

const OID = {
  commonName: "2.5.4.3",
  organizationName: "2.5.4.10",
  sha256WithRsa: "1.2.840.113549.1.1.11",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  subjectAltName: "2.5.29.17",
  serverAuth: "1.3.6.1.5.5.7.3.1",
} as const;

export type KeyType = "rsa" | "ec";

export interface SelfSignedOptions {
  commonName?: string;
  dnsNames?: readonly string[];
  ipAddresses?: readonly string[];
  /** Whole days, 1 to MAX_VALIDITY_DAYS. */
  validityDays?: number;
  /** RSA 2048 by default: keyEncipherment only means something for RSA keys. */
  keyType?: KeyType;
  now?: Date;
}

export interface SelfSignedCertificate {
  /** PKCS#8 private key, PEM. */
  keyPem: string;
  /** X.509 v3 certificate, PEM. */
  certPem: string;
  notBefore: Date;
  notAfter: Date;
}

const generate = promisify(generateKeyPair);

/** A self-signed TLS server certificate for local development, built with node:crypto only. */
export async function createSelfSignedCertificate(
  options: SelfSignedOptions = {},
): Promise<SelfSignedCertificate> {
  const {
    commonName = "localhost",
    dnsNames = ["localhost"],
    ipAddresses = ["127.0.0.1", "::1"],
    validityDays = MAX_VALIDITY_DAYS,
    keyType = "rsa",
    now = new Date(),
  } = options;
  if (!Number.isInteger(validityDays) || validityDays < 1 || validityDays > MAX_VALIDITY_DAYS) {
    throw new RangeError(`validityDays must be a whole number from 1 to ${MAX_VALIDITY_DAYS}`);
  }
  if (dnsNames.length + ipAddresses.length === 0)
    throw new Error("A certificate needs at least one name");

  const { publicKey, privateKey } =
    keyType === "rsa"
      ? await generate("rsa", { modulusLength: 2048 })
      : await generate("ec", { namedCurve: "P-256" });

  // Whole seconds, since DER times cannot carry milliseconds.
  const notBefore = new Date(Math.floor((now.getTime() - CLOCK_SKEW_MS) / 1000) * 1000);
  const notAfter = new Date(notBefore.getTime() + validityDays * DAY_MS);
  const name = distinguishedName(commonName);
  const algorithm = signatureAlgorithm(keyType);

  const tbs = sequence(
    explicit(0, integer(2)), // version: v3
    integer(randomSerial()),
    algorithm,
    name, // issuer: self-signed, so the same as the subject
    sequence(time(notBefore), time(notAfter)),
    name,
    publicKey.export({ type: "spki", format: "der" }),
    explicit(3, sequence(...extensions(dnsNames, ipAddresses))),
  );
  const signature = signTbs(tbs, privateKey, keyType);
  const certificate = sequence(tbs, algorithm, bitString(signature));

  return {
    keyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    certPem: toPem("CERTIFICATE", certificate),
    notBefore,
    notAfter,
  };
}

/** 16 random bytes with the top bit cleared (positive) and the next set (no leading zero). */
export function randomSerial(): Buffer {
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  return serial;
}

function distinguishedName(commonName: string): Buffer {
  const attribute = (oid: string, value: string) =>
    set(sequence(objectIdentifier(oid), utf8String(value)));
  return sequence(
    attribute(OID.organizationName, "Tidings local development"),
    attribute(OID.commonName, commonName),
  );
}

function signatureAlgorithm(keyType: KeyType): Buffer {
  // RFC 4055 wants explicit NULL parameters for RSA; RFC 5758 wants them absent for ECDSA.
  return keyType === "rsa"
    ? sequence(objectIdentifier(OID.sha256WithRsa), nullValue())
    : sequence(objectIdentifier(OID.ecdsaWithSha256));
}

function signTbs(tbs: Buffer, privateKey: KeyObject, keyType: KeyType): Buffer {
  return keyType === "rsa"
    ? sign("sha256", tbs, privateKey)
    : sign("sha256", tbs, { key: privateKey, dsaEncoding: "der" });
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return critical
    ? sequence(objectIdentifier(oid), boolean(true), octetString(value))
    : sequence(objectIdentifier(oid), octetString(value));
}

function extensions(dnsNames: readonly string[], ipAddresses: readonly string[]): Buffer[] {
  const altNames = [
    ...dnsNames.map((dns) => implicit(2, Buffer.from(dns, "ascii"))), // dNSName
    ...ipAddresses.map((ip) => implicit(7, ipAddressBytes(ip))), // iPAddress
  ];
  return [
    // cA defaults to FALSE, and DER omits defaults: an empty SEQUENCE.
    extension(OID.basicConstraints, true, sequence()),
    // Bits 0 (digitalSignature) and 2 (keyEncipherment): 101xxxxx, 5 unused bits.
    extension(OID.keyUsage, true, bitString(Buffer.from([0xa0]), 5)),
    extension(OID.extKeyUsage, false, sequence(objectIdentifier(OID.serverAuth))),
    extension(OID.subjectAltName, false, sequence(...altNames)),
  ];
}

export function toPem(label: string, der: Uint8Array): string {
  const lines =
    Buffer.from(der)
      .toString("base64")
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
