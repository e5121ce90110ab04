// Set-up shared by the integration tests: the project's Graph + Entra ID emulator with the demo mailbox, and a
// Graph MailSource configured for it exactly as for a real tenant (authority and Graph URLs from config).
import {
  startGraphEmulator,
  type GraphEmulator,
  type GraphEmulatorOptions,
} from '../../../../scripts/graph-emulator/index.js';
import { createGraphAuth, type GraphTokenProvider } from '../../../../server/mailsource/graph/auth.js';
import type { GraphAuthConfig, GraphMailSourceConfig } from '../../../../server/mailsource/graph/config.js';
import type { GraphMailSourceDeps } from '../../../../server/mailsource/graph/graphMailSource.js';
import { MailboxLimiterRegistry } from '../../../../server/mailsource/graph/mailboxLimiter.js';
import type { GraphRequestEvent } from '../../../../server/mailsource/graph/policyMiddleware.js';
import { createMailSource } from '../../../../server/mailsource/factory.js';
import type { MailSource } from '../../../../server/mailsource/MailSource.js';

export const CLIENT = {
  clientId: '6a0e5b1c-3d2f-4e7a-9b8c-1d2e3f4a5b6c',
  clientSecret: 'integration~secret',
};
export const USER = {
  username: 'peter.hansen@contoso.example',
  oid: '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  name: 'Peter Hansen',
};
export const MAILBOX = 'logging@contoso.example';

export async function startEmulator(extra: GraphEmulatorOptions = {}): Promise<GraphEmulator> {
  const emu = await startGraphEmulator({ clients: [CLIENT], users: [USER], ...extra });
  emu.loadFixture('demo-mailbox');
  return emu;
}

export function appAuthConfig(emu: GraphEmulator, over: Partial<GraphAuthConfig> = {}): GraphAuthConfig {
  return {
    tenantId: emu.tenantId,
    clientId: CLIENT.clientId,
    credential: { kind: 'secret', clientSecret: CLIENT.clientSecret },
    mode: { kind: 'application' },
    authorityHost: emu.baseUrl,
    graphBaseUrl: emu.baseUrl,
    ...over,
  };
}

export interface Source {
  source: MailSource;
  events: GraphRequestEvent[];
  slept: number[];
  tokens: GraphTokenProvider;
}

/**
 * A MailSource for the emulator's demo mailbox. Sleeps are recorded, not waited (the emulator holds no state
 * that needs real time to pass), so retry tests are fast and can assert the delays chosen; `realSleep` waits
 * them too, for the emulator's time-based limits (request budget per window).
 */
export function mailSource(
  emu: GraphEmulator,
  opts: {
    auth?: GraphAuthConfig;
    mailbox?: string;
    limiters?: MailboxLimiterRegistry;
    config?: Partial<GraphMailSourceConfig>;
    realSleep?: boolean;
  } = {},
): Source {
  const events: GraphRequestEvent[] = [];
  const slept: number[] = [];
  const auth = opts.auth ?? appAuthConfig(emu);
  const tokens = createGraphAuth(auth);
  const config: GraphMailSourceConfig = { mailbox: opts.mailbox ?? MAILBOX, auth, ...opts.config };
  const deps: GraphMailSourceDeps = {
    tokenProvider: tokens,
    limiters: opts.limiters ?? new MailboxLimiterRegistry(),
    onRequest: (e) => events.push(e),
    sleep: async (ms) => {
      slept.push(ms);
      if (opts.realSleep) await new Promise((resolve) => setTimeout(resolve, ms));
    },
  };
  return { source: createMailSource({ provider: 'graph', graph: config }, deps), events, slept, tokens };
}
