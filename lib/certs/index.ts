import { X509Certificate } from "node:crypto";
import { access, chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { createSelfSignedCertificate, type SelfSignedOptions } from "./self-signed";

export { createSelfSignedCertificate, MAX_VALIDITY_DAYS } from "./self-signed";
export type { KeyType, SelfSignedCertificate, SelfSignedOptions } from "./self-signed";

/** Where `npm run certs` writes and `npm run dev:https` reads, relative to the repo root. */
export const LOCAL_CERT_DIR = "certs";
export const LOCAL_KEY_FILE = "localhost-key.pem";
export const LOCAL_CERT_FILE = "localhost.pem";
export const LOCAL_KEY_PATH = `${LOCAL_CERT_DIR}/${LOCAL_KEY_FILE}`;
export const LOCAL_CERT_PATH = `${LOCAL_CERT_DIR}/${LOCAL_CERT_FILE}`;

export interface EnsureLocalCertificateOptions {
  dir: string;
  /** Replace an existing key and certificate. */
  force?: boolean;
  /** Passed through to the generator; tests use it to pick a faster key type. */
  generate?: SelfSignedOptions;
}

export interface LocalCertificate {
  keyPath: string;
  certPath: string;
  /** False when an existing pair was kept. */
  created: boolean;
  /** Expiry of the certificate now on disk, so callers can warn before browsers refuse it. */
  validTo: Date;
}

/** Creates `localhost-key.pem` and `localhost.pem` in `dir` unless both exist (or `force`). */
export async function ensureLocalCertificate({
  dir,
  force = false,
  generate,
}: EnsureLocalCertificateOptions): Promise<LocalCertificate> {
  const keyPath = path.join(dir, LOCAL_KEY_FILE);
  const certPath = path.join(dir, LOCAL_CERT_FILE);

  if (!force) {
    const [hasKey, hasCert] = await Promise.all([exists(keyPath), exists(certPath)]);
    if (hasKey && hasCert) {
      return { keyPath, certPath, created: false, validTo: await readValidTo(certPath) };
    }
    // Half a pair is unusable, but it may be someone's own key: refuse rather than clobber it.
    if (hasKey || hasCert) {
      throw new Error(
        `Found ${hasKey ? keyPath : certPath} without ${hasKey ? certPath : keyPath}; ` +
          "run `npm run certs -- --force` to replace it with a new pair.",
      );
    }
  }

  const { keyPem, certPem, notAfter } = await createSelfSignedCertificate(generate);
  await mkdir(dir, { recursive: true });
  // Write beside the target and rename, so a crash never leaves a truncated file.
  await writeAtomically(keyPath, keyPem, 0o600);
  await writeAtomically(certPath, certPem, 0o644);
  return { keyPath, certPath, created: true, validTo: notAfter };
}

/** Reads the expiry of a PEM certificate. */
export async function readValidTo(certPath: string): Promise<Date> {
  const certificate = new X509Certificate(await readFile(certPath));
  return new Date(certificate.validTo);
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function writeAtomically(file: string, content: string, mode: number): Promise<void> {
  // Keeps the .pem suffix so the git-ignore also covers a file a crash leaves behind.
  const temporary = path.join(path.dirname(file), `.${process.pid}-${path.basename(file)}`);
  try {
    await writeFile(temporary, content, { mode, flag: "w" });
    // The mode option is filtered by the umask and ignored for existing files: set it outright.
    await chmod(temporary, mode);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
