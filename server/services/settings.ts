// Deployment settings (admins): the visibility model, the handling of Private/Confidential mail and the
// interaction templates (which one e-mails are logged with).
import type {
  DeploymentSettingsRecord,
  DeploymentSettingsRepository,
} from '../repositories/deploymentSettings.js';
import type { Caller } from '../http/auth/identity.js';
import type { UpdateDeploymentSettings } from '../../shared/api/settings.js';
import { refuse } from './errors.js';

export class DeploymentSettingsService {
  constructor(private readonly d: { settings: DeploymentSettingsRepository; now: () => Date }) {}

  get(): Promise<DeploymentSettingsRecord> {
    return this.d.settings.get();
  }

  /**
   * The fields given change; the others keep their stored (or default) value. The e-mail template must be one of
   * the templates as they are after the change (a template in use cannot be removed while e-mails get it).
   */
  async update(req: UpdateDeploymentSettings, caller: Caller): Promise<DeploymentSettingsRecord> {
    const current = await this.d.settings.get();
    const next = {
      visibility: req.visibility ?? current.visibility,
      sensitiveMail: req.sensitiveMail ?? current.sensitiveMail,
      interactionTemplates: req.interactionTemplates ?? current.interactionTemplates,
      emailTemplate: req.emailTemplate !== undefined ? req.emailTemplate : current.emailTemplate,
    };
    if (
      next.emailTemplate !== null &&
      !next.interactionTemplates.some((t) => t.code === next.emailTemplate)
    ) {
      throw refuse.invalid('body.emailTemplate', 'not one of the interaction templates');
    }
    return this.d.settings.save(next, caller.email ?? caller.userId, this.d.now());
  }
}
