import { describe, expect, it } from "vitest";
import { ipAddressBytes } from "./ip-bytes";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("ipAddressBytes", () => {
  it.each([
    ["127.0.0.1", "7f000001"],
    ["192.168.1.254", "c0a801fe"],
    ["::1", "00000000000000000000000000000001"],
    ["::", "00000000000000000000000000000000"],
    ["fe80::", "fe800000000000000000000000000000"],
    ["2001:db8::8a2e:370:7334", "20010db80000000000008a2e03707334"],
    ["2001:db8:0:0:1:0:0:1", "20010db8000000000001000000000001"],
    ["::ffff:192.0.2.1", "00000000000000000000ffffc0000201"],
  ])("%s → %s", (address, expected) => {
    expect(hex(ipAddressBytes(address))).toBe(expected);
  });

  it("rejects host names, zones and garbage", () => {
    for (const bad of ["localhost", "fe80::1%eth0", "1.2.3", "256.0.0.1", "1:2:3"]) {
      expect(() => ipAddressBytes(bad), bad).toThrow(/Not an IP address/);
    }
  });
});
