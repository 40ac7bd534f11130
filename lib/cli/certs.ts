import path from "node:path";
import { parseArgs } from "node:util";
import { ensureLocalCertificate, LOCAL_CERT_DIR, type LocalCertificate } from "../certs";

const HELP = `Usage: npm run certs [-- --force]

Writes a self-signed certificate for localhost, 127.0.0.1 and ::1 into ${LOCAL_CERT_DIR}/,
for \`npm run dev:https\`. Existing files are kept unless --force is given.`;

const DAY_MS = 24 * 60 * 60 * 1000;

function describe(result: LocalCertificate): string {
  const show = (file: string) => path.relative(process.cwd(), file) || file;
  const key = show(result.keyPath);
  const cert = show(result.certPath);
  const until = result.validTo.toISOString().slice(0, 10);
  const daysLeft = Math.floor((result.validTo.getTime() - Date.now()) / DAY_MS);

  const status = result.created
    ? `Created a self-signed certificate for localhost, valid until ${until}.`
    : daysLeft < 0
      ? `The existing certificate EXPIRED on ${until}; browsers will refuse it. Run \`npm run certs -- --force\`.`
      : `Kept the existing certificate, valid until ${until} (${daysLeft} days). Use --force to replace it.`;

  return `${status}

  private key   ${key}   (PKCS#8, mode 600, git-ignored: never commit or share it)
  certificate   ${cert}

Use it:  npm run dev:https   then open https://localhost:3000
  (or by hand: next dev --experimental-https --experimental-https-key ${key} --experimental-https-cert ${cert})

Browsers show a "not private" warning until you trust ${cert} (local development only):
  macOS          sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ${cert}
                 or open it in Keychain Access and set Trust to "Always Trust"
  Linux Chrome   certutil -d sql:$HOME/.pki/nssdb -A -t "P,," -n tidings-localhost -i ${cert}
                 (certutil comes with libnss3-tools / nss-tools)
  Linux system   sudo cp ${cert} /usr/local/share/ca-certificates/tidings-localhost.crt && sudo update-ca-certificates
  Firefox        Settings > Privacy & Security > View Certificates > Servers > Import
  Node clients   NODE_EXTRA_CA_CERTS=${cert}
After \`--force\` the certificate is new: trust it again.`;
}

async function main(): Promise<number> {
  let force: boolean;
  try {
    const { values } = parseArgs({
      options: { force: { type: "boolean", short: "f" }, help: { type: "boolean", short: "h" } },
    });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    force = values.force ?? false;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    return 2;
  }

  // npm runs scripts from the repo root; resolving from this file also works when run elsewhere.
  const root = path.resolve(import.meta.dirname, "..", "..");
  try {
    const result = await ensureLocalCertificate({ dir: path.join(root, LOCAL_CERT_DIR), force });
    console.log(describe(result));
    return 0;
  } catch (error) {
    console.error(`certs: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

process.exitCode = await main();
