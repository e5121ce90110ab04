// A stored logging setup as GET /logging/setups/{mailbox} answers it, for the console's form tests; parsed, so
// it stays true to the contract.
import { LoggingSetupView } from '../../../../shared/api/loggingSetup.js';

export function setupView(
  over: Record<string, unknown> = {},
  policy: Record<string, unknown> = {},
): LoggingSetupView {
  return LoggingSetupView.parse({
    mailbox: 'logging@contoso.example',
    enabled: false,
    provider: 'graph',
    authMode: 'app',
    tenantId: 'tenant-1',
    clientId: 'client-1',
    clientSecret: 'set',
    certificateThumbprint: null,
    certificateKey: 'not set',
    redirectUrl: null,
    consentGiven: false,
    jobAccount: null,
    tokenCache: 'not set',
    delegatedAccount: null,
    batchSize: 100,
    intervalSeconds: 300,
    policy: {
      archiveFolder: 'Logged',
      unmatched: 'move',
      unmatchedFolder: 'Unmatched',
      quarantineFolder: 'Q',
      blocklist: ['noreply@fabrikam.example', '@spam.example'],
      maxAttempts: 5,
      archiveRollover: 'off',
      archiveRolloverAtItems: null,
      ...policy,
    },
    receivedFrom: null,
    runRequestedAt: null,
    lastValidatedAt: null,
    lastValidationOk: null,
    ...over,
  });
}
