// What a change or lifecycle notification leads to, after the endpoint already answered 202. A notification is a
// hint, never data: a valid one only marks its mailbox due in the database, so whichever instance holds the
// mailbox's lease runs it. One whose clientState does not match is ignored and counted; the secret is never
// logged. Lifecycle events are recorded for the subscription manager (any instance) and kick this one's.
import { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import type { MailSubscriptionRepository } from '../repositories/mailSubscriptions.js';
import type { SecretBox } from '../security/secretBox.js';
import { clientStateMatches } from './decisions.js';

/** Graph's notification items, as far as we read them (basic notifications: no resource data is used). */
const Item = z.object({
  subscriptionId: z.string().min(1).max(200),
  clientState: z.string().max(256).nullable().optional(),
  lifecycleEvent: z.string().max(100).optional(),
});

export const LIFECYCLE_EVENTS = ['reauthorizationRequired', 'subscriptionRemoved', 'missed'] as const;

export interface ReceiverDeps {
  subs: MailSubscriptionRepository;
  secrets: SecretBox;
  now: () => Date;
  log: Logger;
  /** A lifecycle event asks the subscription manager for work: run it now rather than at its next check. */
  onLifecycle: (mailbox: string) => void;
}

type Verdict = { mailbox: string; ok: boolean } | null;
/** A subscription id we know: its mailbox and the clientState we gave Graph (opened once per collection). */
type Known = { mailbox: string; expected: string | null } | null;

export class NotificationReceiver {
  /** Counter updates one after another: FerretDB's $inc is not atomic across concurrent writers. */
  private serial: Promise<void> = Promise.resolve();
  /** Items naming no subscription we know (an old one, or forged); kept per process, logged. */
  unknown = 0;

  constructor(private readonly d: ReceiverDeps) {}

  private count(
    mailbox: string,
    counter: 'notifications' | 'rejected' | 'lifecycle',
    by: number,
  ): Promise<void> {
    this.serial = this.serial.then(() => this.d.subs.count(mailbox, counter, by)).catch(() => {});
    return this.serial;
  }

  /** Which mailbox an item is for and whether its clientState is the one we gave Graph. */
  private async verify(
    raw: unknown,
    cache: Map<string, Known>,
  ): Promise<{ item: z.infer<typeof Item>; verdict: Verdict } | null> {
    const parsed = Item.safeParse(raw);
    if (!parsed.success) return null;
    const item = parsed.data;
    let known = cache.get(item.subscriptionId);
    if (known === undefined) {
      const rec = await this.d.subs.bySubscriptionId(item.subscriptionId);
      known = rec && {
        mailbox: rec.mailbox,
        expected: rec.clientStateSealed ? this.d.secrets.open(rec.clientStateSealed) : null,
      };
      cache.set(item.subscriptionId, known);
    }
    if (!known) return { item, verdict: null };
    const ok = known.expected !== null && clientStateMatches(known.expected, item.clientState);
    return { item, verdict: { mailbox: known.mailbox, ok } };
  }

  /** A collection POSTed to the notification URL. */
  async changes(value: unknown[]): Promise<void> {
    const cache = new Map<string, Known>();
    const tally = new Map<string, { ok: number; rejected: number }>();
    for (const raw of value) {
      const v = await this.verify(raw, cache);
      if (!v?.verdict) {
        this.unknown += 1;
        continue;
      }
      const t = tally.get(v.verdict.mailbox) ?? { ok: 0, rejected: 0 };
      if (v.verdict.ok) t.ok += 1;
      else t.rejected += 1;
      tally.set(v.verdict.mailbox, t);
    }
    for (const [mailbox, t] of tally) {
      if (t.ok > 0) await this.d.subs.markNotified(mailbox, this.d.now());
      if (t.ok > 0) await this.count(mailbox, 'notifications', t.ok);
      if (t.rejected > 0) {
        this.d.log.warn(
          { mailbox, rejected: t.rejected },
          'change notification with a wrong clientState ignored',
        );
        await this.count(mailbox, 'rejected', t.rejected);
      }
    }
    if (this.unknown > 0 && tally.size === 0)
      this.d.log.info({ unknown: this.unknown }, 'change notification for an unknown subscription ignored');
  }

  /** A collection POSTed to the lifecycle URL. */
  async lifecycle(value: unknown[]): Promise<void> {
    const cache = new Map<string, Known>();
    for (const raw of value) {
      const v = await this.verify(raw, cache);
      if (!v?.verdict) {
        this.unknown += 1;
        continue;
      }
      const { mailbox, ok } = v.verdict;
      if (!ok) {
        this.d.log.warn({ mailbox }, 'lifecycle notification with a wrong clientState ignored');
        await this.count(mailbox, 'rejected', 1);
        continue;
      }
      const event = v.item.lifecycleEvent;
      this.d.log.info({ mailbox, event }, 'lifecycle notification');
      await this.count(mailbox, 'lifecycle', 1);
      if (event === 'reauthorizationRequired') await this.d.subs.setPending(mailbox, 'reauthorize');
      if (event === 'subscriptionRemoved') {
        // Gone at Graph: a new one is needed, and mail may have arrived unnoticed meanwhile (catch-up run).
        await this.d.subs.forgetSubscription(mailbox);
        await this.d.subs.setPending(mailbox, null);
      }
      // Graph could not deliver some notifications: run the mailbox now rather than at the safety-net poll.
      if (event === 'missed' || event === 'subscriptionRemoved')
        await this.d.subs.markNotified(mailbox, this.d.now());
      if (event === 'reauthorizationRequired' || event === 'subscriptionRemoved') this.d.onLifecycle(mailbox);
    }
  }
}
