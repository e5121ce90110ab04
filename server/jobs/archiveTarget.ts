// Which folder a run archives into, and how full it is. The names come from domain/archiveCapacity.ts: the archive
// folder itself, or its period subfolder ("2027", "2027-03"), or the next of a full one's series ("2027 (2)").
// Each folder of a series is looked up (and created) in turn until one has room, so a run costs one lookup more
// per full folder; the threshold is checked once per run, so a folder can end a run somewhat above it.
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
): Promise<ArchiveTarget> {
  const period = periodFolderName(policy.archiveRollover, now);
  let folder = base;
  let name: string | null = null;
  for (let n = 1; n <= MAX_SERIES; n++) {
    name = seriesFolderName(period, n);
    folder = name === null ? base : await source.resolveSubfolder(base.id, name, { create: true });
    if (hasRoom(statsOf(folder), policy.archiveRolloverAtItems)) break;
  }
  const path = name === null ? policy.archiveFolder : `${policy.archiveFolder}/${name}`;
  return { folder, path, capacity: capacityOf(statsOf(folder)) };
}
