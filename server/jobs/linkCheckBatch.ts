// One batch of the link check: the entries of a page grouped by message (one Graph request per message, two when
// its id no longer answers), each verdict written to every entry of that message. Stops before a message when
// the budget is spent or the mail source fails, so the caller's cursor is never past what was dealt with.
import { MailSourceError, type MailSource } from '../mailsource/MailSource.js';
import type {
  LinkCheckCounts,
  LinkCheckRepository,
  LinkedEntry,
  LinkUpdate,
} from '../repositories/linkChecks.js';

export interface BatchContext {
  repo: LinkCheckRepository;
  /** The mail source of a logging mailbox; null when it is not set up (or disabled): its entries are skipped. */
  sourceOf(mailbox: string): Promise<MailSource | null>;
  now: () => Date;
  passStartedAt: Date;
  /** Requests this run may still send; decremented as they are sent. */
  budget: { left: number };
  counts: LinkCheckCounts;
}

export interface BatchResult {
  /** The last entry dealt with (the cursor), or null when not even the first was. */
  last: LinkedEntry | null;
  stop: 'budget' | { code: string; message: string } | null;
}

/** Consecutive entries of one message (same mailbox and id), in the page's order. */
function groups(entries: LinkedEntry[]): LinkedEntry[][] {
  const out: LinkedEntry[][] = [];
  const byKey = new Map<string, LinkedEntry[]>();
  for (const e of entries) {
    const key = `${e.message.mailbox}\n${e.message.immutableId}\n${e.messageKey}`;
    const group = byKey.get(key);
    if (group) group.push(e);
    else {
      const g = [e];
      byKey.set(key, g);
      out.push(g);
    }
  }
  return out;
}

/** Nothing to ask Graph: no link, already lost, or already settled earlier in this pass (healed with a sibling). */
function needsNoRequest(e: LinkedEntry, passStartedAt: Date): boolean {
  if (!e.message.mailbox || !e.message.immutableId) return true;
  if (e.linkState === 'lost') return true;
  return !!e.linkCheckedAt && e.linkCheckedAt >= passStartedAt;
}

export async function checkBatch(ctx: BatchContext, entries: LinkedEntry[]): Promise<BatchResult> {
  let last: LinkedEntry | null = null;
  // Entries of one message may straddle pages, so the dealt-with position is the last entry of a whole group.
  for (const group of groups(entries)) {
    const first = group[0]!;
    const mailbox = first.message.mailbox;
    const source = needsNoRequest(first, ctx.passStartedAt) || !mailbox ? null : await ctx.sourceOf(mailbox);
    if (!source || !mailbox) {
      ctx.counts.skipped += group.length;
      last = group[group.length - 1]!;
      continue;
    }
    if (ctx.budget.left < 1) return { last, stop: 'budget' };
    try {
      const verdict = await checkMessage(ctx, source, first);
      if (verdict === 'budget') return { last, stop: 'budget' };
    } catch (err) {
      if (!(err instanceof MailSourceError)) throw err;
      return { last, stop: { code: err.code, message: err.message } };
    }
    last = group[group.length - 1]!;
  }
  return { last, stop: null };
}

/** GET by id; a miss -> search by internetMessageId; writes the verdict to every entry of the message. */
async function checkMessage(
  ctx: BatchContext,
  source: MailSource,
  entry: LinkedEntry,
): Promise<'done' | 'budget'> {
  const mailbox = entry.message.mailbox!;
  const oldId = entry.message.immutableId!;
  ctx.budget.left -= 1;
  const byId = await source.getMessage(oldId);
  if (byId && byId.id === oldId && byId.webLink === entry.message.webLink) {
    ctx.counts.checked += 1;
    ctx.counts.ok += 1;
    return 'done';
  }
  let found = byId;
  if (!found && entry.message.internetMessageId) {
    // The GET is spent already; without a request left for the search, the next run asks again from here.
    if (ctx.budget.left < 1) return 'budget';
    ctx.budget.left -= 1;
    found = await source.findByInternetMessageId(entry.message.internetMessageId);
  }
  ctx.counts.checked += 1;
  if (byId) ctx.counts.updated += 1;
  else if (found) ctx.counts.healed += 1;
  else ctx.counts.lost += 1;
  const at = ctx.now();
  // Every entry of this message (other contacts and salespeople), wherever the walk stands.
  const siblings = (await ctx.repo.entriesOfMessage(entry.messageKey)).filter(
    (e) => e.message.mailbox === mailbox && e.message.immutableId === oldId,
  );
  const updates: LinkUpdate[] = siblings.map((e) =>
    found
      ? { _id: e._id, found: { mailbox, immutableId: found.id, webLink: found.webLink }, at }
      : { _id: e._id, lost: true as const, at },
  );
  await ctx.repo.apply(updates);
  return 'done';
}
