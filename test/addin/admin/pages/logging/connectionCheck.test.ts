// The body of the wizard's "Check connection" (POST /logging/setup-checks): the inputs as they would be saved,
// valid by the contract, a secret or key only when typed (an empty field means the stored one).
import assert from 'node:assert/strict';
import { SetupCheckRequest } from '../../../../../shared/api/loggingSetup.js';
import {
  connectionCheck,
  connectionFormOf,
  type ConnectionForm,
} from '../../../../../addin/admin/pages/logging/setupForm.js';

const THUMBPRINT = 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678';
const connection = (over: Partial<ConnectionForm> = {}): ConnectionForm => ({
  ...connectionFormOf(' Logging@Contoso.example '),
  tenantId: ' tenant-1 ',
  clientId: 'client-1',
  clientSecret: 's3cret',
  ...over,
});

describe('addin/admin/pages/logging/setupForm connectionCheck', () => {
  it('sends the inputs trimmed, the mailbox as the server keys it, and a typed secret', () => {
    const body = connectionCheck(connection());
    assert.deepEqual(body, {
      mailbox: 'logging@contoso.example',
      authMode: 'app',
      tenantId: 'tenant-1',
      clientId: 'client-1',
      clientSecret: 's3cret',
    });
    assert.equal(SetupCheckRequest.safeParse(body).success, true);
  });

  it('leaves out an empty secret (the stored one counts) and the job account of app-only access', () => {
    const body = connectionCheck(connection({ clientSecret: '', jobAccount: 'job@contoso.example' }));
    assert.equal('clientSecret' in body, false);
    assert.equal('jobAccount' in body, false);
    const delegated = connectionCheck(
      connection({ authMode: 'delegated', jobAccount: ' job@contoso.example ' }),
    );
    assert.equal(delegated.jobAccount, 'job@contoso.example');
  });

  it('sends a certificate by its thumbprint (its key only when typed) and never the secret with it', () => {
    const cert = connection({ credential: 'certificate', certificateThumbprint: ` ${THUMBPRINT} ` });
    const body = connectionCheck({ ...cert, certificateKey: ' \n-----BEGIN PRIVATE KEY-----\nx\n' });
    assert.deepEqual(
      [body.certificateThumbprint, body.certificateKey, 'clientSecret' in body],
      [THUMBPRINT, '-----BEGIN PRIVATE KEY-----\nx', false],
    );
    assert.equal(SetupCheckRequest.safeParse(body).success, true);
    assert.equal('certificateKey' in connectionCheck(cert), false);
  });
});
