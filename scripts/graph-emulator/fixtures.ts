// Seed data: JSON fixtures under test/fixtures/graph (or MailboxSeed objects) into the mail store.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Prng } from './prng.js';
import { prngGuid } from './prng.js';
import type { MailStore, StoredMailbox } from './store.js';
import type { GraphFixture, MailboxSeed } from './types.js';

export const GRAPH_FIXTURES_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../test/fixtures/graph',
);

/** Path of a fixture by file name (with or without .json), or an absolute/relative path as given. */
export function graphFixturePath(nameOrPath: string): string {
  if (path.isAbsolute(nameOrPath) || nameOrPath.includes('/')) return path.resolve(nameOrPath);
  return path.join(GRAPH_FIXTURES_DIR, nameOrPath.endsWith('.json') ? nameOrPath : `${nameOrPath}.json`);
}

export function readGraphFixture(nameOrPath: string): GraphFixture {
  const data = JSON.parse(fs.readFileSync(graphFixturePath(nameOrPath), 'utf8')) as GraphFixture;
  if (!Array.isArray(data.mailboxes))
    throw new Error(`${nameOrPath}: a Graph fixture needs a "mailboxes" array`);
  return data;
}

/** Adds (or extends) a mailbox: folders first, so messages can name them. */
export function seedMailbox(store: MailStore, random: Prng, seed: MailboxSeed): StoredMailbox {
  const mb = store.ensureMailbox(seed.address, seed.id ?? prngGuid(random), seed.displayName);
  if (seed.displayName) mb.displayName = seed.displayName;
  if (seed.state) mb.state = seed.state;
  for (const f of seed.folders ?? []) {
    const parent = f.parent ? store.folderByName(mb, f.parent) : mb.root;
    if (!parent)
      throw new Error(`${seed.address}: parent folder '${f.parent}' of '${f.displayName}' not found`);
    const exists = parent.children.some((c) => c.displayName.toLowerCase() === f.displayName.toLowerCase());
    if (!exists) store.createFolder(mb, parent, f.displayName, f.isHidden ?? false);
  }
  for (const m of seed.messages ?? []) {
    const folder = store.folderByName(mb, m.folder ?? 'inbox');
    if (!folder)
      throw new Error(`${seed.address}: folder '${m.folder}' not found for message '${m.subject ?? ''}'`);
    store.addMessage(mb, folder, m);
  }
  return mb;
}
