// Deployment settings (one document per deployment, admins only): who sees which interaction log entries, what
// happens to mail its sender marked Private or Confidential, and the interaction templates (Business Central's
// "Interaction Template Setup": the template e-mails are logged with, whose code, group, cost and duration every
// entry copies when it is written).
import { z } from 'zod/mini';
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

/** A template or interaction group code: Business Central's Code[10] (upper case, no spaces). */
export const InteractionTemplateCode = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(10),
    z.regex(/^[A-Z0-9][A-Z0-9_.-]*$/, 'upper-case letters, digits, "_", "." and "-"'),
  );

/** One interaction template (Business Central's table 5064, the fields an e-mail entry copies). */
export const InteractionTemplate = z.strictObject({
  code: InteractionTemplateCode,
  description: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  /** The interaction group the entries belong to; null: none. */
  groupCode: z.nullable(InteractionTemplateCode),
  /** Cost (LCY) per entry: a decimal >= 0 with at most two decimals. */
  cost: z.number().check(
    z.gte(0),
    z.lte(1_000_000_000),
    z.refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'at most two decimals'),
  ),
  /** Duration (minutes) per entry. */
  durationMin: z.int().check(z.gte(0), z.lte(100_000)),
});
export type InteractionTemplate = z.infer<typeof InteractionTemplate>;

export const MAX_INTERACTION_TEMPLATES = 50;
/** The template the assisted setup creates when e-mails have none (Business Central's "E-MAILS"). */
export const DEFAULT_EMAIL_TEMPLATE: InteractionTemplate = Object.freeze({
  code: 'E-MAILS',
  description: 'E-mails',
  groupCode: null,
  cost: 0,
  durationMin: 0,
});

/** The template list: at most 50, each code once (duplicates are reported at the second one's code). */
export const InteractionTemplates = z.array(InteractionTemplate).check(
  z.maxLength(MAX_INTERACTION_TEMPLATES),
  z.superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((t, i) => {
      if (seen.has(t.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: 'duplicate code' });
      seen.add(t.code);
    });
  }),
);

/** GET /settings, PUT /settings (admins). */
export const DeploymentSettings = z.strictObject({
  visibility: VisibilityModel,
  sensitiveMail: SensitiveMailHandling,
  interactionTemplates: z.array(InteractionTemplate),
  /** The code of the template e-mails are logged with (one of the list); null: entries carry no template. */
  emailTemplate: z.nullable(InteractionTemplateCode),
  /** Null until an admin first saves the settings (the defaults apply). */
  updatedAt: z.nullable(Instant),
  updatedBy: z.nullable(z.string()),
});
export type DeploymentSettings = z.infer<typeof DeploymentSettings>;

/**
 * PUT /settings: the fields given change. The e-mail template must name a template of the list as it is after
 * the change (400 validation_failed at `body.emailTemplate` otherwise).
 */
export const UpdateDeploymentSettings = z.strictObject({
  visibility: z.optional(VisibilityModel),
  sensitiveMail: z.optional(SensitiveMailHandling),
  interactionTemplates: z.optional(InteractionTemplates),
  emailTemplate: z.optional(z.nullable(InteractionTemplateCode)),
});
export type UpdateDeploymentSettings = z.infer<typeof UpdateDeploymentSettings>;

/** The template e-mails are logged with under these settings, or null (none chosen, or no longer listed). */
export function emailTemplateOf(
  s: Pick<DeploymentSettings, 'interactionTemplates' | 'emailTemplate'>,
): InteractionTemplate | null {
  return s.emailTemplate === null
    ? null
    : (s.interactionTemplates.find((t) => t.code === s.emailTemplate) ?? null);
}

/**
 * What the assisted setup's finish saves so that e-mails have a template (Business Central's wizard needs the
 * E-MAILS template): null when they have one; otherwise the E-MAILS template chosen, added when not listed.
 * Idempotent: applied twice, the second time is null.
 */
export function ensureEmailTemplate(
  s: Pick<DeploymentSettings, 'interactionTemplates' | 'emailTemplate'>,
): Required<Pick<UpdateDeploymentSettings, 'interactionTemplates' | 'emailTemplate'>> | null {
  if (emailTemplateOf(s)) return null;
  const listed = s.interactionTemplates.some((t) => t.code === DEFAULT_EMAIL_TEMPLATE.code);
  return {
    interactionTemplates: listed
      ? s.interactionTemplates
      : [...s.interactionTemplates, { ...DEFAULT_EMAIL_TEMPLATE }],
    emailTemplate: DEFAULT_EMAIL_TEMPLATE.code,
  };
}
