import { describe, expect, it } from "vitest";
import {
  bitString,
  boolean,
  encodeLength,
  explicit,
  implicit,
  integer,
  nullValue,
  objectIdentifier,
  sequence,
  set,
  time,
  utf8String,
} from "./der";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("encodeLength", () => {
  it.each([
    [0, "00"],
    [1, "01"],
    [127, "7f"],
    [128, "8180"],
    [255, "81ff"],
    [256, "820100"],
    [65535, "82ffff"],
    [65536, "83010000"],
  ])("%i → %s", (length, expected) => {
    expect(hex(encodeLength(length))).toBe(expected);
  });

  it("rejects negative and fractional lengths", () => {
    expect(() => encodeLength(-1)).toThrow(RangeError);
    expect(() => encodeLength(1.5)).toThrow(RangeError);
  });

  it("uses the long form inside a TLV once content reaches 128 bytes", () => {
    const encoded = sequence(Buffer.alloc(200));
    expect(hex(encoded.subarray(0, 3))).toBe("3081c8");
    expect(encoded).toHaveLength(203);
  });
});

describe("integer", () => {
  it.each([
    [0n, "020100"],
    [1n, "020101"],
    [127n, "02017f"],
    [128n, "02020080"],
    [255n, "020200ff"],
    [256n, "02020100"],
    [65535n, "020300ffff"],
    [2n ** 64n, "0209010000000000000000"],
  ])("%s → %s", (value, expected) => {
    expect(hex(integer(value))).toBe(expected);
  });

  it("encodes unsigned bytes minimally: strips leading zeros, pads a set top bit", () => {
    expect(hex(integer(Buffer.from("00007f", "hex")))).toBe("02017f");
    expect(hex(integer(Buffer.from("0000", "hex")))).toBe("020100");
    expect(hex(integer(Buffer.from("80ff", "hex")))).toBe("02030080ff");
    expect(hex(integer(Buffer.alloc(0)))).toBe("020100");
  });

  it("rejects negative numbers", () => {
    expect(() => integer(-1n)).toThrow(RangeError);
  });
});

describe("objectIdentifier", () => {
  it.each([
    ["2.5.4.3", "0603550403"], // commonName
    ["1.2.840.113549", "06062a864886f70d"], // rsadsi, the X.690 textbook case
    ["1.2.840.113549.1.1.11", "06092a864886f70d01010b"], // sha256WithRSAEncryption
    ["1.2.840.10045.4.3.2", "06082a8648ce3d040302"], // ecdsa-with-SHA256
    ["1.3.6.1.5.5.7.3.1", "06082b06010505070301"], // serverAuth
    ["2.5.29.17", "0603551d11"], // subjectAltName
    ["2.999.3", "0603883703"], // X.690 §8.19.5 example: first subidentifier above 127
  ])("%s → %s", (oid, expected) => {
    expect(hex(objectIdentifier(oid))).toBe(expected);
  });

  it("rejects malformed identifiers", () => {
    for (const bad of ["", "2", "3.1", "1.40", "1.2.x", "1..2"]) {
      expect(() => objectIdentifier(bad), bad).toThrow(RangeError);
    }
  });
});

describe("time", () => {
  it("uses UTCTime through 2049, with whole seconds", () => {
    expect(time(new Date("2026-03-04T05:06:07.890Z")).toString("latin1")).toBe(
      "\x17\x0d260304050607Z",
    );
    expect(hex(time(new Date("2049-12-31T23:59:59Z")))).toBe(
      "170d" + Buffer.from("491231235959Z").toString("hex"),
    );
  });

  it("switches to GeneralizedTime from 2050", () => {
    expect(time(new Date("2050-01-01T00:00:00Z")).toString("latin1")).toBe(
      "\x18\x0f20500101000000Z",
    );
  });

  it("rejects invalid dates", () => {
    expect(() => time(new Date("nope"))).toThrow(RangeError);
  });
});

describe("other types", () => {
  it("encodes the small primitives", () => {
    expect(hex(nullValue())).toBe("0500");
    expect(hex(boolean(true))).toBe("0101ff");
    expect(hex(boolean(false))).toBe("010100");
    expect(hex(utf8String("localhost"))).toBe("0c096c6f63616c686f7374");
    expect(hex(sequence())).toBe("3000");
  });

  it("encodes keyUsage digitalSignature + keyEncipherment as 03 02 05 a0", () => {
    expect(hex(bitString(Buffer.from([0xa0]), 5))).toBe("0302" + "05a0");
    expect(() => bitString(Buffer.alloc(0), 1)).toThrow(RangeError);
  });

  it("tags context-specific values", () => {
    expect(hex(explicit(0, integer(2)))).toBe("a003020102");
    expect(hex(implicit(7, Buffer.from([127, 0, 0, 1])))).toBe("87047f000001");
    expect(() => implicit(31, Buffer.alloc(0))).toThrow(RangeError);
  });

  it("sorts SET OF members by encoding, as DER requires", () => {
    expect(hex(set(integer(2), integer(1)))).toBe("3106" + "020101" + "020102");
  });
});
