// Whether every contact's timeline is kept (repositories/timelines.ts): a claim inserted once, when a rebuild
// finished or when the database had no entries and no opportunities the first time it was asked (a new
// deployment). Until then the lookup reads contacts without a timeline from their entries. "Not complete" is
// believed for INCOMPLETE_RECHECK_MS, then the claim is read again (another instance's rebuild may have ended).
import { isDuplicateKeyError } from './db.js';
import type { Models } from './models/index.js';

const COMPLETE_MARKER = 'timelines#complete';
/** How long "not complete" is believed before the marker is read again. */
const INCOMPLETE_RECHECK_MS = 10_000;

export class TimelineCompleteness {
  private complete = false;
  private checked: { at: number; result: Promise<boolean> } | null = null;

  constructor(private readonly models: Models) {}

  /** True once every contact's timeline is kept. */
  async isComplete(): Promise<boolean> {
    if (this.complete) return true;
    const now = Date.now();
    if (!this.checked || now - this.checked.at > INCOMPLETE_RECHECK_MS) {
      this.checked = { at: now, result: this.check() };
      this.checked.result.catch(() => (this.checked = null));
    }
    return this.checked.result;
  }

  /** After a rebuild of every timeline. */
  async markComplete(): Promise<void> {
    try {
      await this.models.Claim.create({ _id: COMPLETE_MARKER, owner: 'timelines', at: new Date() });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
    this.complete = true;
  }

  private async check(): Promise<boolean> {
    if (await this.models.Claim.exists({ _id: COMPLETE_MARKER })) return (this.complete = true);
    const [entry, opportunity] = await Promise.all([
      this.models.Interaction.collection.findOne({}, { projection: { _id: 1 } }),
      this.models.Opportunity.collection.findOne({}, { projection: { _id: 1 } }),
    ]);
    if (entry || opportunity) return false;
    await this.markComplete();
    return true;
  }
}
