// Salespeople as the API shows them.
import type { Salesperson as SalespersonRecord } from '../../repositories/masterData.js';
import type { Salesperson } from '../../../shared/api/salespeople.js';

export function presentSalesperson(s: SalespersonRecord): Salesperson {
  return {
    code: s.code,
    name: s.name,
    email: s.email,
    active: s.active,
    x500Addresses: s.x500Addresses ?? [],
    entra:
      s.entraTenantId && s.entraObjectId ? { tenantId: s.entraTenantId, objectId: s.entraObjectId } : null,
    pendingSignIn: s.pendingSignIn
      ? { ...s.pendingSignIn, seenAt: s.pendingSignIn.seenAt.toISOString() }
      : null,
  };
}
