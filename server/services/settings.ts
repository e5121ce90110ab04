// Deployment settings (admins): the visibility model and the handling of Private/Confidential mail.
import type {
  DeploymentSettingsRecord,
  DeploymentSettingsRepository,
} from '../repositories/deploymentSettings.js';
import type { Caller } from '../http/auth/identity.js';
import type { UpdateDeploymentSettings } from '../../shared/api/settings.js';

export class DeploymentSettingsService {
  constructor(private readonly d: { settings: DeploymentSettingsRepository; now: () => Date }) {}

  get(): Promise<DeploymentSettingsRecord> {
    return this.d.settings.get();
  }

  /** The fields given change; the others keep their stored (or default) value. */
  async update(req: UpdateDeploymentSettings, caller: Caller): Promise<DeploymentSettingsRecord> {
    const current = await this.d.settings.get();
    return this.d.settings.save(
      {
        visibility: req.visibility ?? current.visibility,
        sensitiveMail: req.sensitiveMail ?? current.sensitiveMail,
      },
      caller.email ?? caller.userId,
      this.d.now(),
    );
  }
}
