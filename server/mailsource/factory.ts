// The one place that chooses a mail adapter. Callers know only MailSource; adding IMAP means a new case here.
import type { MailSource } from './MailSource.js';
import type { GraphMailSourceConfig } from './graph/config.js';
import { createGraphMailSource, type GraphMailSourceDeps } from './graph/graphMailSource.js';

export type MailSourceSetup = { provider: 'graph'; graph: GraphMailSourceConfig };
// Later: | { provider: 'imap'; imap: ImapMailSourceConfig }

/** Injected services; each adapter takes what it understands. */
export type MailSourceDeps = GraphMailSourceDeps;

export function createMailSource(setup: MailSourceSetup, deps: MailSourceDeps = {}): MailSource {
  switch (setup.provider) {
    case 'graph':
      return createGraphMailSource(setup.graph, deps);
    default: {
      const unknown: never = setup.provider;
      throw new Error(`Unknown mail provider: ${String(unknown)}`);
    }
  }
}
