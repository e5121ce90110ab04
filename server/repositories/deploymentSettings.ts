// The deployment's settings as a plain record, the defaults when no admin has saved any. One document read by
// `_id` (the lookup every MongoDB-protocol server answers without a scan), written whole: FerretDB's updates
// are not atomic, and a replace of one `_id` needs no atomicity beyond last-writer-wins.
import type {
  InteractionTemplate,
  SensitiveMailHandling,
  VisibilityModel,
} from '../../shared/api/settings.js';
import type { Models } from './models/index.js';

const ID = 'deployment';

export interface DeploymentSettingsRecord {
  visibility: VisibilityModel;
  sensitiveMail: SensitiveMailHandling;
  /** Business Central's interaction templates; `emailTemplate` names the one e-mails are logged with. */
  interactionTemplates: InteractionTemplate[];
  emailTemplate: string | null;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** Business Central's behaviour (everyone on the team sees every entry); sensitive mail without content; no
 *  templates until an admin or the assisted setup adds them. */
export const DEFAULT_DEPLOYMENT_SETTINGS: DeploymentSettingsRecord = Object.freeze({
  visibility: 'team',
  sensitiveMail: 'metadata',
  interactionTemplates: [],
  emailTemplate: null,
  updatedAt: null,
  updatedBy: null,
});

export class DeploymentSettingsRepository {
  constructor(private readonly models: Models) {}

  async get(): Promise<DeploymentSettingsRecord> {
    const doc = await this.models.DeploymentSettings.findById(ID, { _id: 0 }).lean();
    const s = { ...DEFAULT_DEPLOYMENT_SETTINGS, ...doc };
    return { ...s, interactionTemplates: s.interactionTemplates.map((t) => ({ ...t })) };
  }

  async save(
    s: Omit<DeploymentSettingsRecord, 'updatedAt' | 'updatedBy'>,
    by: string,
    at: Date,
  ): Promise<DeploymentSettingsRecord> {
    const doc = {
      visibility: s.visibility,
      sensitiveMail: s.sensitiveMail,
      interactionTemplates: s.interactionTemplates.map((t) => ({ ...t })),
      emailTemplate: s.emailTemplate,
      updatedAt: at,
      updatedBy: by,
    };
    await this.models.DeploymentSettings.replaceOne(
      { _id: ID },
      { _id: ID, ...doc },
      { upsert: true, runValidators: true },
    );
    return doc;
  }
}
