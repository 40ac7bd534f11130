/** A minimal DER (X.690) encoder: just the types an X.509 v3 certificate needs. */

export const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  objectIdentifier: 0x06,
  utf8String: 0x0c,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

/** Definite-length octets: short form below 128, long form (0x80 | byte count) above. */
export function encodeLength(length: number): Buffer {
  if (!Number.isSafeInteger(length) || length < 0)
    throw new RangeError(`Bad DER length: ${length}`);
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** Tag, length, value. Only low tag numbers (< 31) occur in certificates. */
export function tlv(tag: number, content: Uint8Array): Buffer {
  if (!Number.isInteger(tag) || tag < 0 || tag > 0xff || (tag & 0x1f) === 0x1f) {
    throw new RangeError(`Unsupported DER tag: ${tag}`);
  }
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

export const sequence = (...items: Uint8Array[]): Buffer => tlv(TAG.sequence, Buffer.concat(items));

/** DER orders SET OF elements by their encodings. */
export const set = (...items: Uint8Array[]): Buffer =>
  tlv(TAG.set, Buffer.concat([...items].sort((a, b) => Buffer.compare(a, b))));

export const nullValue = (): Buffer => tlv(TAG.null, Buffer.alloc(0));

export const boolean = (value: boolean): Buffer =>
  tlv(TAG.boolean, Buffer.from([value ? 0xff : 0x00]));

export const octetString = (content: Uint8Array): Buffer => tlv(TAG.octetString, content);

export const utf8String = (text: string): Buffer => tlv(TAG.utf8String, Buffer.from(text, "utf8"));

export const bitString = (content: Uint8Array, unusedBits = 0): Buffer => {
  if (unusedBits < 0 || unusedBits > 7 || (unusedBits > 0 && content.length === 0)) {
    throw new RangeError(`Bad unused-bit count: ${unusedBits}`);
  }
  return tlv(TAG.bitString, Buffer.concat([Buffer.from([unusedBits]), content]));
};

/** A non-negative INTEGER from a bigint or unsigned big-endian bytes, minimally encoded. */
export function integer(value: bigint | number | Uint8Array): Buffer {
  let bytes: Buffer;
  if (value instanceof Uint8Array) {
    bytes = Buffer.from(value);
  } else {
    const big = BigInt(value);
    if (big < 0n) throw new RangeError("Negative INTEGERs are not supported");
    const hex = big.toString(16);
    bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, "hex");
  }
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  bytes = bytes.subarray(start);
  if (bytes.length === 0) bytes = Buffer.from([0]);
  // A set top bit would read as negative (two's complement), so pad with a zero byte.
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(TAG.integer, bytes);
}

/** OBJECT IDENTIFIER from dotted text, e.g. "2.5.4.3". */
export function objectIdentifier(oid: string): Buffer {
  if (!/^[0-2](\.\d+)+$/.test(oid)) throw new RangeError(`Bad OID: ${oid}`);
  const arcs = oid.split(".").map((arc) => BigInt(arc));
  const [first = 0n, second = 0n, ...rest] = arcs;
  if (first < 2n && second >= 40n) throw new RangeError(`Bad OID: ${oid}`);
  const bytes = [first * 40n + second, ...rest].flatMap(base128);
  return tlv(TAG.objectIdentifier, Buffer.from(bytes));
}

function base128(arc: bigint): number[] {
  const out = [Number(arc & 0x7fn)];
  for (let rest = arc >> 7n; rest > 0n; rest >>= 7n) out.unshift(Number(rest & 0x7fn) | 0x80);
  return out;
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050, whole seconds, Zulu. */
export function time(date: Date): Buffer {
  if (Number.isNaN(date.getTime())) throw new RangeError("Invalid date");
  const digits = date
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:T]/g, "");
  const year = date.getUTCFullYear();
  if (year >= 1950 && year < 2050) return tlv(TAG.utcTime, Buffer.from(digits.slice(2), "ascii"));
  if (year < 0 || year > 9999) throw new RangeError(`Year out of range: ${year}`);
  return tlv(TAG.generalizedTime, Buffer.from(digits, "ascii"));
}

function contextTag(tagNumber: number): number {
  if (!Number.isInteger(tagNumber) || tagNumber < 0 || tagNumber > 30) {
    throw new RangeError(`Unsupported context tag: ${tagNumber}`);
  }
  return tagNumber;
}

/** [n] EXPLICIT: a constructed context-specific wrapper around a complete encoding. */
export const explicit = (tagNumber: number, inner: Uint8Array): Buffer =>
  tlv(0xa0 | contextTag(tagNumber), inner);

/** [n] IMPLICIT for a primitive type: the context tag replaces the universal one. */
export const implicit = (tagNumber: number, content: Uint8Array): Buffer =>
  tlv(0x80 | contextTag(tagNumber), content);
