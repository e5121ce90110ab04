// The add-in manifest, checked offline: the schema (xmllint + the XSDs in test/fixtures), then what the schema
// cannot see: every resid defined, every URL https on the deployment's origin, the rewrite for PUBLIC_URL.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { normalizePublicUrl, rewriteManifest } from '../../addin/build/manifest.js';

const root = path.resolve(import.meta.dirname, '../..');
const XSD = path.join(root, 'test/fixtures/office-manifest-xsd/OfficeAppManifestV1_1.xsd');
const SOURCE = path.join(root, 'manifest.xml');
const BUILT = path.join(root, 'dist/addin/manifest.xml');
const VO_1_0 = 'http://schemas.microsoft.com/office/mailappversionoverrides';
const VO_1_1 = 'http://schemas.microsoft.com/office/mailappversionoverrides/1.1';

function xmllint(args: string[]): { status: number | null; out: string } {
  const r = spawnSync('xmllint', args, { encoding: 'utf8' });
  if (r.error)
    throw new Error(`xmllint is missing (Debian: apt-get install -y libxml2-utils): ${r.error.message}`);
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function validate(file: string): void {
  const r = xmllint(['--noout', '--schema', XSD, file]);
  assert.equal(r.status, 0, `schema validation failed:\n${r.out}`);
}

/** Attribute values an XPath selects (xmllint prints them as ` name="value"` lines). */
function attributeValues(file: string, xpath: string): string[] {
  const r = xmllint(['--xpath', xpath, file]);
  if (r.status === 10) return []; // XPath matched nothing
  assert.equal(r.status, 0, r.out);
  return [...r.out.matchAll(/ [\w:.-]+="([^"]*)"/g)].map((m) => m[1] ?? '');
}

function undefinedResids(file: string): string[] {
  const missing: string[] = [];
  for (const ns of [VO_1_0, VO_1_1]) {
    // A resid resolves in the Resources of its nearest VersionOverrides.
    const used = attributeValues(
      file,
      `//@resid[ancestor::*[local-name()='VersionOverrides'][1][namespace-uri()='${ns}']]`,
    );
    const defined = new Set(
      attributeValues(
        file,
        `//*[local-name()='Resources'][parent::*[local-name()='VersionOverrides' and namespace-uri()='${ns}']]//@id`,
      ),
    );
    assert.ok(used.length > 0, `no resid found under ${ns}`);
    missing.push(...used.filter((id) => !defined.has(id)).map((id) => `${id} (${ns})`));
  }
  return missing;
}

const URL_XPATH = [
  "//*[local-name()='SourceLocation' or local-name()='IconUrl' or local-name()='HighResolutionIconUrl'",
  " or local-name()='SupportUrl' or local-name()='Url' or local-name()='Image']",
  "/descendant-or-self::*/@*[local-name()='DefaultValue' or local-name()='Value']",
].join('');

function urlsNotOn(file: string, base: string): string[] {
  const urls = attributeValues(file, URL_XPATH);
  assert.ok(urls.length >= 10, `expected the manifest's URLs, found ${urls.length}`);
  return urls.filter((u) => !(u.startsWith('https://') && (u === base || u.startsWith(`${base}/`))));
}

function tempFile(tempDirs: string[], content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interlog-manifest-'));
  tempDirs.push(dir);
  const file = path.join(dir, 'manifest.xml');
  fs.writeFileSync(file, content);
  return file;
}

describe('manifest.xml', () => {
  it('is valid against the Office add-in manifest schema', () => {
    validate(SOURCE);
  });

  it('defines every resid it references, per VersionOverrides', () => {
    assert.deepEqual(undefinedResids(SOURCE), []);
  });

  it('uses only https URLs on https://localhost:3000', () => {
    assert.deepEqual(urlsNotOn(SOURCE, 'https://localhost:3000'), []);
  });

  it('asks for ReadItem, no more', () => {
    const xml = fs.readFileSync(SOURCE, 'utf8');
    assert.match(xml, /<Permissions>ReadItem<\/Permissions>/);
  });

  it('pins the pane and names the Entra app only in VersionOverrides 1.1', () => {
    const pinning = attributeValues(
      SOURCE,
      `//*[local-name()='SupportsPinning' and namespace-uri()='${VO_1_1}']/../@*`,
    );
    assert.ok(pinning.length >= 0);
    const r = xmllint([
      '--xpath',
      `count(//*[local-name()='SupportsPinning'][namespace-uri()='${VO_1_1}'])`,
      SOURCE,
    ]);
    assert.equal(r.out.trim(), '1');
    const v10 = xmllint([
      '--xpath',
      `count(//*[local-name()='SupportsPinning'][namespace-uri()='${VO_1_0}'])`,
      SOURCE,
    ]);
    assert.equal(v10.out.trim(), '0');
  });
});

describe('manifest rewrite for PUBLIC_URL (addin/build/manifest.js)', () => {
  const base = 'https://crm.example.com/interlog';
  const clientId = '1b2c3d4e-0000-4000-8000-00000000abcd';
  const tempDirs: string[] = [];
  after(() => tempDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const rewritten = () =>
    tempFile(
      tempDirs,
      rewriteManifest(fs.readFileSync(SOURCE, 'utf8'), { publicUrl: `${base}/`, apiClientId: clientId }),
    );

  it('stays valid, with every URL moved to PUBLIC_URL and the application id filled in', () => {
    const file = rewritten();
    validate(file);
    assert.deepEqual(urlsNotOn(file, base), []);
    assert.deepEqual(undefinedResids(file), []);
    const xml = fs.readFileSync(file, 'utf8');
    assert.doesNotMatch(xml, /localhost|00000000-0000-0000-0000-000000000000/);
    assert.match(xml, new RegExp(`<Resource>api://${clientId}</Resource>`));
  });

  it('refuses a PUBLIC_URL Outlook would reject or that would break the XML', () => {
    assert.throws(() => normalizePublicUrl('http://crm.example.com'), /https/);
    assert.throws(() => normalizePublicUrl('not a url'), /not a URL/);
    assert.throws(() => normalizePublicUrl('https://crm.example.com/?a=1&b=2'), /query/);
    assert.throws(() => normalizePublicUrl("https://crm.example.com/it's"), /characters/);
    assert.equal(normalizePublicUrl('https://crm.example.com/'), 'https://crm.example.com');
  });

  it('refuses an application id that is not a GUID', () => {
    assert.throws(() => rewriteManifest('<x/>', { publicUrl: base, apiClientId: 'api://x' }), /GUID/);
  });
});

describe('dist/addin/manifest.xml (the build output)', () => {
  before(function () {
    // `npm test` builds the add-in first; a quick run without a build has nothing to check.
    if (!fs.existsSync(BUILT)) this.skip();
  });

  it('is valid, references only defined resources and points at the build PUBLIC_URL', () => {
    validate(BUILT);
    assert.deepEqual(undefinedResids(BUILT), []);
    const base = normalizePublicUrl(process.env.PUBLIC_URL || 'https://localhost:3000');
    assert.deepEqual(urlsNotOn(BUILT, base), []);
  });
});
