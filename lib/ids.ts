import { randomBytes } from "node:crypto";

// Crockford base32, lowercase: ids sort by time as plain strings in any collation.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

let lastTime = 0;
let lastRandom: Uint8Array = new Uint8Array(10);

function encode(bytes: Uint8Array, length: number): string {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let out = "";
  for (let i = 0; i < length; i++) {
    out = ALPHABET[Number(value & 31n)]! + out;
    value >>= 5n;
  }
  return out;
}

function increment(bytes: Uint8Array): Uint8Array {
  const next = Uint8Array.from(bytes);
  for (let i = next.length - 1; i >= 0; i--) {
    next[i] = (next[i]! + 1) & 0xff;
    if (next[i] !== 0) break;
  }
  return next;
}

/**
 * A 26-character, time-ordered id (ULID layout: 48-bit milliseconds + 80 random bits). Within one
 * millisecond the random part counts up, so ids made by one process are strictly increasing.
 */
export function newId(now: number = Date.now()): string {
  if (now <= lastTime) {
    lastRandom = increment(lastRandom);
  } else {
    lastTime = now;
    lastRandom = new Uint8Array(randomBytes(10));
  }
  const time = new Uint8Array(6);
  let t = lastTime;
  for (let i = 5; i >= 0; i--) {
    time[i] = t % 256;
    t = Math.floor(t / 256);
  }
  return encode(time, 10) + encode(lastRandom, 16);
}
