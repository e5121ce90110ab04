// Salespeople: the admin console's list and edits. Addresses are stored normalised, because the logging loop
// and the role check (is the caller a salesperson?) compare them by equality.
import type { Salesperson } from '../repositories/masterData.js';
import type { SalespersonRepository } from '../repositories/salespeople.js';
import type {
  CreateSalespersonRequest,
  EntraBinding,
  UpdateSalespersonRequest,
} from '../../shared/api/salespeople.js';
import { normalizeAddress } from '../../shared/email.js';
import { refuse } from './errors.js';

export class SalespersonService {
  constructor(
    private readonly repo: SalespersonRepository,
    /** Called when X.500 addresses change: resolutions cached from the directory may now be wrong. */
    private readonly onX500Changed: () => Promise<void> = async () => {},
  ) {}

  list(search?: string): Promise<Salesperson[]> {
    return this.repo.list(search);
  }

  byCodes(codes: string[]): Promise<Map<string, Salesperson>> {
    return this.repo.byCodes(codes);
  }

  /** The salespeople with this address (normalised first). */
  byEmail(email: string): Promise<Salesperson[]> {
    const a = normalizeAddress(email);
    return a ? this.repo.byEmails([a]) : Promise.resolve([]);
  }

  async create(req: CreateSalespersonRequest): Promise<Salesperson> {
    const sp: Salesperson = {
      code: req.code,
      name: req.name,
      email: req.email === undefined ? null : normalizeAddress(req.email),
      active: req.active ?? true,
      ...(req.entra ? await this.bindingFor(req.code, req.entra) : {}),
    };
    if (!(await this.repo.create(sp))) throw refuse.salespersonExists();
    return sp;
  }

  async update(code: string, req: UpdateSalespersonRequest): Promise<Salesperson> {
    const changes: Partial<Omit<Salesperson, 'code'>> = {};
    if (req.name !== undefined) changes.name = req.name;
    if (req.active !== undefined) changes.active = req.active;
    if (req.email !== undefined) changes.email = req.email === null ? null : normalizeAddress(req.email);
    if (req.x500Addresses !== undefined) changes.x500Addresses = [...new Set(req.x500Addresses)];
    if (req.entra !== undefined) {
      Object.assign(
        changes,
        req.entra === null
          ? { entraTenantId: null, entraObjectId: null }
          : await this.bindingFor(code, req.entra),
      );
    }
    const updated = await this.repo.update(code, changes);
    if (!updated) throw refuse.notFound('The salesperson');
    if (req.x500Addresses !== undefined) await this.onX500Changed();
    return updated;
  }

  /** Binds the pending sign-in an admin saw (the object id says which one, so a newer sign-in is not bound). */
  async confirmSignIn(code: string, objectId: string): Promise<Salesperson> {
    const sp = await this.repo.byCode(code);
    if (!sp) throw refuse.notFound('The salesperson');
    const pending = sp.pendingSignIn;
    if (!pending || pending.objectId !== objectId.toLowerCase()) throw refuse.signInChanged();
    const binding = await this.bindingFor(code, pending);
    if (!(await this.repo.confirmPendingSignIn(code, binding))) throw refuse.signInChanged();
    return { ...sp, ...binding };
  }

  /** The stored form of a binding (lower case), refused when another salesperson already has that user. */
  async bindingFor(
    code: string,
    entra: EntraBinding,
  ): Promise<{ entraTenantId: string; entraObjectId: string; pendingSignIn: null }> {
    const tenantId = entra.tenantId.toLowerCase();
    const objectId = entra.objectId.toLowerCase();
    const other = (await this.repo.byEntraObject(tenantId, objectId)).find((s) => s.code !== code);
    if (other) throw refuse.entraBoundElsewhere(other.code);
    return { entraTenantId: tenantId, entraObjectId: objectId, pendingSignIn: null };
  }
}
