// Deployment settings (one document per deployment, admins only): who sees which interaction log entries, and
// what happens to mail its sender marked Private or Confidential.
import { z } from 'zod';
import { Instant } from './common.js';

/**
 * team: staff see every entry in full (Business Central's behaviour). owner: a salesperson sees an entry in full
 * when they are its salesperson or the contact's owner; other entries only as "a conversation happened" (date,
 * direction, salesperson). Admins see everything in both.
 */
export const VISIBILITY_MODELS = ['team', 'owner'] as const;
export const VisibilityModel = z.enum(VISIBILITY_MODELS);
export type VisibilityModel = z.infer<typeof VisibilityModel>;

/**
 * Mail whose Graph `sensitivity` is private or confidential. metadata: logged without subject (date, direction,
 * contact, salesperson, link for the admin); skip: not logged, handled like unmatched mail.
 */
export const SENSITIVE_MAIL_HANDLING = ['metadata', 'skip'] as const;
export const SensitiveMailHandling = z.enum(SENSITIVE_MAIL_HANDLING);
export type SensitiveMailHandling = z.infer<typeof SensitiveMailHandling>;

/** GET /settings, PUT /settings (admins). */
export const DeploymentSettings = z.strictObject({
  visibility: VisibilityModel,
  sensitiveMail: SensitiveMailHandling,
  /** Null until an admin first saves the settings (the defaults apply). */
  updatedAt: Instant.nullable(),
  updatedBy: z.string().nullable(),
});
export type DeploymentSettings = z.infer<typeof DeploymentSettings>;

/** PUT /settings: the fields given change. */
export const UpdateDeploymentSettings = z.strictObject({
  visibility: VisibilityModel.optional(),
  sensitiveMail: SensitiveMailHandling.optional(),
});
export type UpdateDeploymentSettings = z.infer<typeof UpdateDeploymentSettings>;
