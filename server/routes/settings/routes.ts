// Deployment settings (admins): the visibility model, what happens to Private/Confidential mail, the interaction
// templates and the one e-mails are logged with.
import { DeploymentSettings, UpdateDeploymentSettings } from '../../../shared/api/settings.js';
import { adminApiRoutes } from '../../../shared/api/routes.js';
import type { DeploymentSettingsRecord } from '../../repositories/deploymentSettings.js';
import type { Services } from '../../services/index.js';
import { defineRoute, type RouteSpec } from '../route.js';

export function presentSettings(s: DeploymentSettingsRecord): DeploymentSettings {
  return {
    visibility: s.visibility,
    sensitiveMail: s.sensitiveMail,
    interactionTemplates: s.interactionTemplates.map((t) => ({
      code: t.code,
      description: t.description,
      groupCode: t.groupCode ?? null,
      cost: t.cost,
      durationMin: t.durationMin,
    })),
    emailTemplate: s.emailTemplate,
    updatedAt: s.updatedAt ? s.updatedAt.toISOString() : null,
    updatedBy: s.updatedBy,
  };
}

export function settingsRoutes(s: Services): RouteSpec[] {
  return [
    defineRoute({
      name: 'settings',
      method: 'get',
      path: adminApiRoutes.settings.path,
      summary: 'The deployment settings (the defaults until an admin saves them)',
      tag: 'settings',
      access: 'admin',
      success: { status: 200, description: 'The settings', schema: DeploymentSettings },
      async handle() {
        return { body: presentSettings(await s.settings.get()) };
      },
    }),
    defineRoute({
      name: 'putSettings',
      method: 'put',
      path: adminApiRoutes.putSettings.path,
      summary:
        'Change the visibility model, the handling of Private/Confidential mail or the interaction templates',
      tag: 'settings',
      access: 'admin',
      body: UpdateDeploymentSettings,
      success: { status: 200, description: 'The settings now', schema: DeploymentSettings },
      async handle({ body, caller }) {
        return { body: presentSettings(await s.settings.update(body, caller)) };
      },
    }),
  ];
}
