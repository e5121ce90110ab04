// Loads the golden files in test/fixtures/classifier: one case per file, validated strictly so a typo in a
// fixture fails loudly instead of silently testing something else.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { MailMessage } from '../../../server/mailsource/MailSource.js';
import type { DirectoryInput } from '../../../server/domain/directory.js';

export const FIXTURE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../fixtures/classifier',
);

const address = z.strictObject({ address: z.string().nullable(), name: z.string().nullable() });

const message = z.strictObject({
  id: z.string(),
  internetMessageId: z.string().nullable(),
  conversationId: z.string().nullable(),
  isDraft: z.boolean(),
  subject: z.string().nullable(),
  sentDateTime: z.string().nullable(),
  receivedDateTime: z.string().nullable(),
  webLink: z.string().nullable(),
  sender: address.nullable(),
  from: address.nullable(),
  toRecipients: z.array(address),
  ccRecipients: z.array(address),
  parentFolderId: z.string().nullable(),
  /** Graph's sensitivity mark (absent in most fixtures: the source did not say). */
  sensitivity: z.string().optional(),
  // Not part of MailMessage: present in some fixtures to show that BCC never reaches the decision.
  bccRecipients: z.array(address).optional(),
});

const directory = z.strictObject({
  salespeople: z.array(
    z.strictObject({ code: z.string(), name: z.string(), email: z.string().nullable(), active: z.boolean() }),
  ),
  contacts: z.array(
    z.strictObject({
      number: z.string(),
      kind: z.enum(['person', 'company']),
      name: z.string(),
      companyNumber: z.string().nullable(),
      email: z.string().nullable(),
      alternateEmails: z.array(z.string()),
      privacyBlocked: z.boolean(),
      salespersonCode: z.string().nullable(),
    }),
  ),
});

const fixture = z.strictObject({
  name: z.string().min(1),
  directory,
  policy: z
    .strictObject({
      blocklist: z.array(z.string()).optional(),
      sensitiveMail: z.enum(['metadata', 'skip']).optional(),
    })
    .optional(),
  message,
  expected: z.looseObject({ kind: z.enum(['log', 'skip', 'poison']) }),
});

export interface ClassifierFixture {
  file: string;
  name: string;
  directory: DirectoryInput;
  policy: { blocklist?: string[]; sensitiveMail?: 'metadata' | 'skip' };
  message: MailMessage;
  expected: unknown;
}

export function loadClassifierFixtures(): ClassifierFixture[] {
  return fs
    .readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const raw: unknown = JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, file), 'utf8'));
      const parsed = fixture.safeParse(raw);
      if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
      const { name, directory: dir, policy, message: msg, expected } = parsed.data;
      return { file, name, directory: dir, policy: policy ?? { blocklist: [] }, message: msg, expected };
    });
}
