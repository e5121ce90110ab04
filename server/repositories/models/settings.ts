// Deployment settings: one document (`_id` "deployment"), written by admins in the console.
import { Schema } from 'mongoose';
import { SENSITIVE_MAIL_HANDLING, VISIBILITY_MODELS } from '../../../shared/api/settings.js';

export interface DeploymentSettingsDoc {
  _id: string;
  visibility: (typeof VISIBILITY_MODELS)[number];
  sensitiveMail: (typeof SENSITIVE_MAIL_HANDLING)[number];
  updatedAt: Date;
  updatedBy: string;
}

export const deploymentSettingsSchema = new Schema<DeploymentSettingsDoc>(
  {
    _id: { type: String, required: true },
    visibility: { type: String, enum: VISIBILITY_MODELS, required: true },
    sensitiveMail: { type: String, enum: SENSITIVE_MAIL_HANDLING, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { strict: 'throw', versionKey: false },
);
