// Releasing quarantined mail (admins): each message goes back to the Inbox and into the retry ledger, and the
// next run processes it again by id — logged if it is loggable now (its salesperson's X.500 address was added,
// say), quarantined again with its reason if not. Who released what is recorded on the ledger and in the log.
import type { ReleaseQuarantineRequest, ReleaseQuarantineResult } from '../../shared/api/loggingSetup.js';
import type { Logger } from '../logging/logger.js';
import type { MailSource } from '../mailsource/MailSource.js';
import type { LoggingSetup, LoggingSetupRepository } from '../repositories/loggingSetups.js';
import type { MessageStateRepository } from '../repositories/messageStates.js';
import { refuse } from './errors.js';

const PAGE = 200;

export class QuarantineReleaseService {
  constructor(
    private readonly d: {
      setups: LoggingSetupRepository;
      states: MessageStateRepository;
      sourceFor: (setup: LoggingSetup) => MailSource;
      now: () => Date;
    },
  ) {}

  async release(
    mailbox: string,
    req: ReleaseQuarantineRequest,
    by: string,
    log: Logger,
  ): Promise<ReleaseQuarantineResult> {
    const setup = await this.d.setups.get(mailbox);
    if (!setup) throw refuse.notFound('The logging setup');
    const result: ReleaseQuarantineResult = { released: 0, notFound: [], failed: [] };
    const ids =
      'all' in req
        ? (await this.d.states.list(mailbox, 'quarantined', 10 * PAGE)).map((s) => s.messageId)
        : [...new Set(req.messageIds)];
    let source: MailSource | null = null;
    for (const messageId of ids) {
      const state = await this.d.states.get(mailbox, messageId);
      if (state?.state !== 'quarantined') {
        result.notFound.push(messageId);
        continue;
      }
      try {
        if (!state.inInbox) {
          source ??= this.d.sourceFor(setup);
          await source.move(messageId, 'inbox');
        }
      } catch (err) {
        result.failed.push({ messageId, message: err instanceof Error ? err.message : String(err) });
        continue;
      }
      await this.d.states.release(mailbox, messageId, by, this.d.now());
      result.released++;
    }
    if (result.released > 0) await this.d.setups.requestRun(mailbox, this.d.now());
    log.info({ mailbox, by, released: result.released, failed: result.failed.length }, 'quarantine released');
    return result;
  }
}
