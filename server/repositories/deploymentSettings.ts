// The deployment's settings as a plain record, the defaults when no admin has saved any. One document read by
// `_id` (the lookup every MongoDB-protocol server answers without a scan), written whole: FerretDB's updates
// are not atomic, and a replace of one `_id` needs no atomicity beyond last-writer-wins. Kept in the process
// under the `settings` version (repositories/versions.ts): every request sees the settings saved by this process
// before it, and those saved by another instance more than VERSIONS_SHARED_MS before it; one that reads the
// versions anyway (the pane's lookup) reads nothing else for them.
import type {
  InteractionTemplate,
  SensitiveMailHandling,
  VisibilityModel,
} from '../../shared/api/settings.js';
import type { Models } from './models/index.js';
import { VersionedValue, versionsOf, type Versions } from './versions.js';

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
  private readonly versions: Versions;
  private readonly saved: VersionedValue<DeploymentSettingsRecord>;

  constructor(private readonly models: Models) {
    this.versions = versionsOf(models);
    this.saved = new VersionedValue(this.versions, 'settings', async () => ({
      ...DEFAULT_DEPLOYMENT_SETTINGS,
      ...(await this.models.DeploymentSettings.findById(ID, { _id: 0 }).lean()),
    }));
  }

  /** The settings as saved when the versions were read for `asOf` (versions.ts) (default: now). A copy. */
  async get(asOf?: number): Promise<DeploymentSettingsRecord> {
    const record = await this.saved.get(asOf);
    return { ...record, interactionTemplates: record.interactionTemplates.map((t) => ({ ...t })) };
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
    this.saved.forget();
    await this.versions.changed('settings');
    return doc;
  }
}
