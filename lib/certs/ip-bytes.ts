import { isIPv4, isIPv6 } from "node:net";

/** Network-order bytes of an IP address, as a subjectAltName iPAddress carries them (4 or 16). */
export function ipAddressBytes(address: string): Buffer {
  if (isIPv4(address)) return Buffer.from(address.split(".").map(Number));
  // A zone (fe80::1%eth0) is host-local and has no place in a certificate.
  if (!isIPv6(address) || address.includes("%")) throw new Error(`Not an IP address: ${address}`);

  // An embedded IPv4 tail (::ffff:192.0.2.1) stands for the last two 16-bit groups.
  const text = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) => {
    const [hi, lo] = [Number(a) * 256 + Number(b), Number(c) * 256 + Number(d)];
    return `${hi.toString(16)}:${lo.toString(16)}`;
  });
  const groupsOf = (part: string) => (part === "" ? [] : part.split(":"));
  const [head = "", tail] = text.split("::");
  const groups =
    tail === undefined
      ? groupsOf(head)
      : [
          ...groupsOf(head),
          ...Array<string>(8 - groupsOf(head).length - groupsOf(tail).length).fill("0"),
          ...groupsOf(tail),
        ];

  const bytes = Buffer.alloc(16);
  groups.forEach((group, index) => bytes.writeUInt16BE(Number.parseInt(group, 16), index * 2));
  return bytes;
}
