// Viewing a logged mail inside Interlog: the mail read from the logging mailbox now (headers, text, sanitized
// HTML, the attachments' names and sizes) and one attachment as a download. The service decides who may read it
// (the visibility gate) and maps mail source failures to problem codes; both routes are audited
// (routes/audit/table.ts: mail.view, mail.download).
import { z } from 'zod';
import { LoggedMail } from '../../../shared/api/mailView.js';
import { apiRoutes } from '../../../shared/api/routes.js';
import type { Services } from '../../services/index.js';
import { EntryNumberParams } from '../params.js';
import { defineRoute, type RouteSpec } from '../route.js';
import { presentMail, safeContentType, safeFilename } from './presenter.js';

/** Attachment ids are the provider's (Graph: long base64 strings; IMAP: a position). */
const MailAttachmentParams = EntryNumberParams.extend({ attachmentId: z.string().min(1).max(1000) });

export function mailViewRoutes(s: Services): RouteSpec[] {
  return [
    defineRoute({
      name: 'interactionMail',
      method: 'get',
      path: apiRoutes.interactionMail.path,
      summary:
        "An entry's logged mail, read from the logging mailbox: headers, text, sanitized HTML, attachments",
      tag: 'interactions',
      access: 'staff',
      params: EntryNumberParams,
      success: { status: 200, description: 'The mail', schema: LoggedMail },
      errors: [403, 404, 409, 502, 503],
      async handle({ params, caller }) {
        const read = await s.mailView.open(caller, params.entryNumber);
        return {
          body: presentMail(params.entryNumber, read.result),
          // The mail is personal data read on demand: no cache keeps a copy.
          headers: { 'Cache-Control': 'no-store' },
        };
      },
    }),
    defineRoute({
      name: 'interactionMailAttachment',
      method: 'get',
      path: apiRoutes.interactionMailAttachment.path,
      summary: 'One attachment of an entry’s logged mail, as a download',
      tag: 'interactions',
      access: 'staff',
      params: MailAttachmentParams,
      success: { status: 200, description: 'The file', contentType: 'application/octet-stream' },
      errors: [403, 404, 409, 502, 503],
      async handle({ params, caller, res }) {
        const read = await s.mailView.attachment(caller, params.entryNumber, params.attachmentId);
        res.setHeader('Cache-Control', 'no-store');
        return {
          file: {
            contentType: safeContentType(read.result.contentType),
            filename: safeFilename(read.result.name),
            content: read.result.content,
          },
          done: { bytes: read.result.content.length },
        };
      },
    }),
  ];
}
