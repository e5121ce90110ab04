// Folder resolution over a LIST answer. Pure. Graph's well-known names the engine uses map to RFC 6154
// SPECIAL-USE attributes; a server without them is matched by the setup's folder names, then by the usual
// English names; any other name is a folder path, or a top-level folder's name (under the personal
// namespace's prefix, e.g. "INBOX." on Courier and Cyrus).
import type { ListResponse } from 'imapflow';
import type { WellKnownFolderNames } from './config.js';

const SPECIAL_USE: Record<string, { flag: string; name: string }> = {
  archive: { flag: '\\Archive', name: 'Archive' },
  junkemail: { flag: '\\Junk', name: 'Junk' },
  deleteditems: { flag: '\\Trash', name: 'Trash' },
  sentitems: { flag: '\\Sent', name: 'Sent' },
  drafts: { flag: '\\Drafts', name: 'Drafts' },
};

export type FolderEntry = Pick<ListResponse, 'path' | 'name' | 'delimiter' | 'flags' | 'specialUse'>;

export function isSelectable(f: Pick<ListResponse, 'flags'>): boolean {
  const flags = [...f.flags].map((x) => x.toLowerCase());
  return !flags.includes('\\noselect') && !flags.includes('\\nonexistent');
}

function byPath(list: FolderEntry[], path: string): FolderEntry | undefined {
  return (
    list.find((f) => f.path === path) ??
    (path.toUpperCase() === 'INBOX' ? list.find((f) => f.path.toUpperCase() === 'INBOX') : undefined)
  );
}

function topLevelByName(list: FolderEntry[], name: string, prefix: string): FolderEntry | undefined {
  const lower = name.toLowerCase();
  return list.find(
    (f) => f.path.toLowerCase() === lower || f.path.toLowerCase() === `${prefix}${name}`.toLowerCase(),
  );
}

/** The folder a name or path means, or undefined (then `pathToCreate` says where it would be created). */
export function findFolder(
  list: FolderEntry[],
  nameOrPath: string,
  prefix: string,
  names: WellKnownFolderNames = {},
): FolderEntry | undefined {
  const lower = nameOrPath.toLowerCase();
  if (lower === 'inbox') return byPath(list, 'INBOX');
  const special = SPECIAL_USE[lower];
  if (special) {
    const configured = names[lower as keyof WellKnownFolderNames];
    return (
      (configured ? (byPath(list, configured) ?? topLevelByName(list, configured, prefix)) : undefined) ??
      list.find((f) => f.specialUse?.toLowerCase() === special.flag.toLowerCase()) ??
      topLevelByName(list, special.name, prefix)
    );
  }
  return (
    byPath(list, nameOrPath) ??
    byPath(list, `${prefix}${nameOrPath}`) ??
    topLevelByName(list, nameOrPath, prefix)
  );
}

/** Where a missing folder of that name is created: the setup's name or the usual one for well-known names. */
export function pathToCreate(nameOrPath: string, prefix: string, names: WellKnownFolderNames = {}): string {
  const lower = nameOrPath.toLowerCase();
  const special = SPECIAL_USE[lower];
  const name = special ? (names[lower as keyof WellKnownFolderNames] ?? special.name) : nameOrPath;
  return name.startsWith(prefix) ? name : `${prefix}${name}`;
}

/** The last segment of a path: what a person sees as the folder's name. */
export function leafName(path: string, delimiter: string | null | undefined): string {
  return delimiter ? path.slice(path.lastIndexOf(delimiter) + 1) : path;
}
