// Development TLS: one local CA per user, and a leaf certificate for localhost/127.0.0.1 signed by it.
// Processes that talk to our HTTPS servers (the API, the Graph emulator) trust the CA through
// NODE_EXTRA_CA_CERTS, which Node reads only at start-up, so the launchers set it before spawning.
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { userCacheDir } from './paths.js';

export interface DevCertificates {
  caCertPath: string;
  certPath: string;
  keyPath: string;
}

const LEAF_HOSTS = ['localhost', '127.0.0.1', '::1'];

function serial(): string {
  // Positive 16-byte serial number, as RFC 5280 asks.
  return '01' + forge.util.bytesToHex(forge.random.getBytesSync(15));
}

function createCa(): { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(Date.now() + 5 * 365 * 24 * 3600 * 1000);
  const attrs = [{ name: 'commonName', value: 'Interlog Development CA' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { cert, key: keys.privateKey };
}

function createLeaf(ca: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey }) {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  // Browsers refuse leaf certificates valid for more than 398 days.
  cert.validity.notAfter = new Date(Date.now() + 390 * 24 * 3600 * 1000);
  cert.setSubject([{ name: 'commonName', value: 'localhost' }]);
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: LEAF_HOSTS.map((h) => (/^[\d.:]+$/.test(h) ? { type: 7, ip: h } : { type: 2, value: h })),
    },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  return { cert, key: keys.privateKey };
}

function stillValid(certPath: string, minDays: number): boolean {
  try {
    const cert = forge.pki.certificateFromPem(fs.readFileSync(certPath, 'utf8'));
    return cert.validity.notAfter.getTime() - Date.now() > minDays * 24 * 3600 * 1000;
  } catch {
    return false;
  }
}

/** Creates the CA and leaf once (idempotent) and returns their file paths. */
export function ensureDevCertificates(dir = path.join(userCacheDir(), 'certs')): DevCertificates {
  const paths: DevCertificates = {
    caCertPath: path.join(dir, 'ca.pem'),
    certPath: path.join(dir, 'localhost.pem'),
    keyPath: path.join(dir, 'localhost-key.pem'),
  };
  if (
    [paths.caCertPath, paths.certPath, paths.keyPath].every((p) => fs.existsSync(p)) &&
    stillValid(paths.certPath, 30)
  ) {
    return paths;
  }
  fs.mkdirSync(dir, { recursive: true });
  const ca = createCa();
  const leaf = createLeaf(ca);
  // Write to temporary names and rename, so a concurrent reader never sees half a file.
  const write = (p: string, data: string, mode: number) => {
    const tmp = `${p}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data, { mode });
    fs.renameSync(tmp, p);
  };
  write(paths.keyPath, forge.pki.privateKeyToPem(leaf.key), 0o600);
  write(paths.certPath, forge.pki.certificateToPem(leaf.cert) + forge.pki.certificateToPem(ca.cert), 0o644);
  write(paths.caCertPath, forge.pki.certificateToPem(ca.cert), 0o644);
  return paths;
}
