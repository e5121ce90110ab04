// Turns the checked-in manifest (written for https://localhost:3000) into the one for a deployment. Plain
// JavaScript because webpack.config.js imports it; the manifest test imports it too (types in manifest.d.ts).

/* global URL */

export const DEV_ORIGIN = 'https://localhost:3000';
export const PLACEHOLDER_CLIENT_ID = '00000000-0000-0000-0000-000000000000';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** PUBLIC_URL checked and without a trailing slash; throws with a readable message when unusable. */
export function normalizePublicUrl(publicUrl) {
  let url;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new Error(`PUBLIC_URL is not a URL: ${publicUrl}`);
  }
  if (url.protocol !== 'https:')
    throw new Error(`PUBLIC_URL must be https (Outlook refuses other add-in URLs): ${publicUrl}`);
  if (url.username || url.password || url.search || url.hash) {
    throw new Error(
      `PUBLIC_URL must be a plain origin or path, without credentials, query or fragment: ${publicUrl}`,
    );
  }
  const text = url.href.replace(/\/+$/, '');
  // The value lands in XML attributes: refuse anything that would need escaping.
  if (/[&<>"']/.test(text)) throw new Error(`PUBLIC_URL contains characters not allowed here: ${publicUrl}`);
  return text;
}

/**
 * Rewrites every https://localhost:3000 to `publicUrl` and, when given, the placeholder application id to
 * `apiClientId`.
 */
export function rewriteManifest(xml, options) {
  const base = normalizePublicUrl(options.publicUrl);
  let out = xml.replaceAll(DEV_ORIGIN, base);
  if (options.apiClientId) {
    if (!GUID.test(options.apiClientId))
      throw new Error(`API_CLIENT_ID must be a GUID: ${options.apiClientId}`);
    out = out.replaceAll(PLACEHOLDER_CLIENT_ID, options.apiClientId.toLowerCase());
  }
  return out;
}
