// Which folder a run archives into, and how full it is. The names come from domain/archiveCapacity.ts: the archive
// folder itself, or its period subfolder ("2027", "2027-03"), or the next of a full one's series ("2027 (2)").
// Each folder of a series is looked up (and created) in turn until one has room, starting at the one the last run
// archived into (a series only moves forward, so full folders are not looked up again every run); the threshold
// is checked once per run, so a folder can end a run somewhat above it.
import {
  capacityOf,
  hasRoom,
  periodFolderName,
  seriesFolderName,
  type Capacity,
} from '../domain/archiveCapacity.js';
import type { LoggingPolicy } from '../domain/policy.js';
import type { MailFolder, MailSource } from '../mailsource/MailSource.js';

/** A bound on the series looked at in one run (a threshold of 1 item would otherwise walk it all). */
const MAX_SERIES = 100;

export interface ArchiveTarget {
  folder: MailFolder;
  /** "archive/2027 (2)": where the admin finds the mail. */
  path: string;
  capacity: Capacity;
}

const statsOf = (f: MailFolder) => ({ itemCount: f.itemCount ?? null, sizeBytes: f.sizeBytes ?? null });

export async function archiveTarget(
  source: Pick<MailSource, 'resolveSubfolder'>,
  base: MailFolder,
  policy: Pick<LoggingPolicy, 'archiveFolder' | 'archiveRollover' | 'archiveRolloverAtItems'>,
  now: Date,
  /** Where the last run archived (its ArchiveTarget.path), if known: the series is looked at from there on. */
  lastPath: string | null = null,
): Promise<ArchiveTarget> {
  const period = periodFolderName(policy.archiveRollover, now);
  let folder = base;
  let name: string | null = null;
  for (let n = seriesIndexOf(lastPath, policy.archiveFolder, period); n <= MAX_SERIES; n++) {
    name = seriesFolderName(period, n);
    folder = name === null ? base : await source.resolveSubfolder(base.id, name, { create: true });
    if (hasRoom(statsOf(folder), policy.archiveRolloverAtItems)) break;
  }
  const path = name === null ? policy.archiveFolder : `${policy.archiveFolder}/${name}`;
  return { folder, path, capacity: capacityOf(statsOf(folder)) };
}

/** The place of `path` in this period's series (1: its first folder, also when the path is of another one). */
export function seriesIndexOf(path: string | null, archiveFolder: string, period: string | null): number {
  if (path === null) return 1;
  for (let n = MAX_SERIES; n > 1; n--)
    if (path === `${archiveFolder}/${seriesFolderName(period, n)}`) return n;
  return 1;
}
