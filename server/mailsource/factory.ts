// The one place that chooses a mail adapter. Callers know only MailSource.
import type { MailSource } from './MailSource.js';
import type { GraphMailSourceConfig } from './graph/config.js';
import { createGraphMailSource, type GraphMailSourceDeps } from './graph/graphMailSource.js';
import type { ImapMailSourceConfig } from './imap/config.js';
import { createImapMailSource, type ImapMailSourceDeps } from './imap/imapMailSource.js';

export type MailSourceSetup =
  { provider: 'graph'; graph: GraphMailSourceConfig } | { provider: 'imap'; imap: ImapMailSourceConfig };

/** Injected services; each adapter takes what it understands. */
export type MailSourceDeps = GraphMailSourceDeps & ImapMailSourceDeps;

export function createMailSource(setup: MailSourceSetup, deps: MailSourceDeps = {}): MailSource {
  switch (setup.provider) {
    case 'graph':
      return createGraphMailSource(setup.graph, deps);
    case 'imap':
      return createImapMailSource(setup.imap, { logger: deps.logger, sleep: deps.sleep });
    default: {
      const unknown: never = setup;
      throw new Error(`Unknown mail provider: ${String((unknown as { provider: unknown }).provider)}`);
    }
  }
}
