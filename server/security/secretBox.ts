// Secrets at rest (client secrets, certificate keys, MSAL token caches): AES-256-GCM under the configured key.
// Format "v1.<iv>.<tag>.<ciphertext>" (base64url) so the scheme can change later without guessing.
import crypto from 'node:crypto';

/**
 * A sealed secret that cannot be opened: sealed under another key (the usual cause: the server started with a
 * different SECRETS_KEY than the one the setup was saved with), or not a sealed value at all.
 */
export class SecretUnreadableError extends Error {
  readonly code = 'secrets_key_mismatch';
  constructor(message: string) {
    super(message);
    this.name = 'SecretUnreadableError';
  }
}

export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('secret key must be 32 bytes');
  return {
    seal(plaintext) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), ct]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const [version, iv, tag, ct] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || ct === undefined)
        throw new SecretUnreadableError('A stored secret is not in the sealed format.');
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        // GCM's authentication failed: this key did not seal it.
        throw new SecretUnreadableError(
          'The stored secrets were sealed with another SECRETS_KEY than the one this server runs with.',
        );
      }
    },
  };
}
