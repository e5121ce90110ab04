// Where logged mail is archived over time, and how full that place is, against Exchange Online's published
// limits. Pure: the engine asks Exchange for folder counts and hands them here.
//
// Rollover: instead of one archive folder growing for ever (the seed's remedy for a full folder was a new shared
// mailbox, new mail-flow rules and a new setup), the engine can archive into subfolders of the archive folder,
// one per year ("2027") or month ("2027-03"), and start a numbered sibling ("2027 (2)") when one reaches a
// number of items. Links keep working: an entry links to its message by immutable id, which survives moves
// between folders of the mailbox, and a folder is only ever added, never renamed.

import type { ArchiveRollover } from '../../shared/loggingVocabulary.js';

export { ARCHIVE_ROLLOVERS, type ArchiveRollover } from '../../shared/loggingVocabulary.js';

/**
 * Exchange Online's limits that matter to an archive folder (Exchange Online limits, "Mailbox folder limits" and
 * "Mailbox storage limits"): at most 1,000,000 items in one folder; a shared mailbox without a licence holds
 * 50 GB. Outlook itself slows down on folders of more than 100,000 items (Microsoft's guidance for cached mode),
 * which is the first warning.
 */
export const EXCHANGE_ONLINE_LIMITS = {
  itemsPerFolder: 1_000_000,
  comfortableItemsPerFolder: 100_000,
  sharedMailboxBytes: 50 * 1024 ** 3,
} as const;

/** Share of a hard limit at which the state turns critical. */
const CRITICAL_SHARE = 0.8;

export type CapacityLevel = 'ok' | 'warning' | 'critical';

export interface FolderStats {
  itemCount: number | null;
  sizeBytes: number | null;
}

export interface Capacity {
  level: CapacityLevel;
  /** Human-readable reasons, most serious first (empty when ok). */
  reasons: string[];
}

/** How full an archive folder is. The folder's size is a lower bound of the mailbox's. */
export function capacityOf(stats: FolderStats, limits = EXCHANGE_ONLINE_LIMITS): Capacity {
  const critical: string[] = [];
  const warning: string[] = [];
  const items = stats.itemCount;
  if (items !== null) {
    if (items >= limits.itemsPerFolder * CRITICAL_SHARE)
      critical.push(
        `${items.toLocaleString('en-US')} items: close to Exchange Online's ${limits.itemsPerFolder.toLocaleString('en-US')} per folder`,
      );
    else if (items >= limits.comfortableItemsPerFolder)
      warning.push(
        `${items.toLocaleString('en-US')} items: Outlook slows down above ${limits.comfortableItemsPerFolder.toLocaleString('en-US')} per folder`,
      );
  }
  if (stats.sizeBytes !== null && stats.sizeBytes >= limits.sharedMailboxBytes * CRITICAL_SHARE)
    critical.push(
      `${gib(stats.sizeBytes)} GB in the folder: close to a shared mailbox's ${gib(limits.sharedMailboxBytes)} GB`,
    );
  const reasons = [...critical, ...warning];
  return { level: critical.length ? 'critical' : warning.length ? 'warning' : 'ok', reasons };
}

const gib = (bytes: number) => Math.round((bytes / 1024 ** 3) * 10) / 10;

/** The period subfolder for an instant (UTC), or null when rollover is off. */
export function periodFolderName(rollover: ArchiveRollover, at: Date): string | null {
  const year = String(at.getUTCFullYear());
  if (rollover === 'yearly') return year;
  if (rollover === 'monthly') return `${year}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
  return null;
}

/**
 * The n-th folder of a series (n >= 1): the period folder itself, then "2027 (2)", "2027 (3)"...; without a
 * period, the archive folder itself, then subfolders "2", "3"... Null means the archive folder itself.
 */
export function seriesFolderName(period: string | null, n: number): string | null {
  if (n <= 1) return period;
  return period === null ? String(n) : `${period} (${n})`;
}

/** Whether a folder of the series still takes mail: below the item threshold (none: always). */
export function hasRoom(stats: FolderStats, rolloverAtItems: number | null): boolean {
  return rolloverAtItems === null || stats.itemCount === null || stats.itemCount < rolloverAtItems;
}
