// Deployment settings: one document (`_id` "deployment"), written by admins in the console.
import { Schema } from 'mongoose';
import { SENSITIVE_MAIL_HANDLING, VISIBILITY_MODELS } from '../../../shared/api/settings.js';

export interface InteractionTemplateDoc {
  code: string;
  description: string;
  groupCode: string | null;
  cost: number;
  durationMin: number;
}

export interface DeploymentSettingsDoc {
  _id: string;
  visibility: (typeof VISIBILITY_MODELS)[number];
  sensitiveMail: (typeof SENSITIVE_MAIL_HANDLING)[number];
  /** Absent on documents saved before templates existed: none (the defaults apply). */
  interactionTemplates?: InteractionTemplateDoc[];
  emailTemplate?: string | null;
  updatedAt: Date;
  updatedBy: string;
}

const interactionTemplateSchema = new Schema<InteractionTemplateDoc>(
  {
    code: { type: String, required: true, maxlength: 10 },
    description: { type: String, required: true, maxlength: 100 },
    groupCode: { type: String, default: null, maxlength: 10 },
    cost: { type: Number, required: true, min: 0 },
    durationMin: { type: Number, required: true, min: 0 },
  },
  { _id: false, strict: 'throw' },
);

export const deploymentSettingsSchema = new Schema<DeploymentSettingsDoc>(
  {
    _id: { type: String, required: true },
    visibility: { type: String, enum: VISIBILITY_MODELS, required: true },
    sensitiveMail: { type: String, enum: SENSITIVE_MAIL_HANDLING, required: true },
    interactionTemplates: { type: [interactionTemplateSchema], default: [] },
    emailTemplate: { type: String, default: null },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { strict: 'throw', versionKey: false },
);
