// English texts of the console's Settings page (the visibility model, sensitive mail, interaction templates), kept
// apart from en.ts.
export const enSettings = {
  deployment: {
    title: 'Settings',
    visibility: 'Who sees which interaction log entries',
    team: 'Team: every salesperson sees every entry (as in Business Central)',
    owner:
      "Owner: a salesperson sees their own entries and their contacts' in full; of the others only that a conversation happened (date, direction, salesperson)",
    adminsSeeAll: 'Admins always see every entry; what they read of other salespeople’s mail is recorded.',
    sensitiveMail: 'Mail marked Private or Confidential by its sender',
    metadata: 'Log it without subject (date, direction, contact, salesperson)',
    skip: 'Do not log it (handled like unmatched mail)',
    save: 'Save',
    saved: 'The settings are saved.',
    lastChanged: (who: string, when: string) => `Last changed by ${who}, ${when}.`,
    defaults: 'The defaults apply: no admin has saved settings yet.',
  },
  templates: {
    title: 'Interaction templates',
    hint: 'Every logged email gets the template chosen for e-mails: its code, interaction group, cost and duration are copied onto the entry when it is logged (as in Business Central); later changes leave logged entries as they were.',
    code: 'Code',
    description: 'Description',
    group: 'Interaction group',
    cost: 'Cost (LCY)',
    duration: 'Duration (min.)',
    field: (field: string, row: number) => `${field}, template ${row}`,
    add: 'Add template',
    remove: (code: string) => `Remove template ${code}`,
    emailTemplate: 'Template for e-mails',
    emailTemplateNone: 'None (entries get no template)',
    empty: 'No interaction templates yet. The assisted setup adds E-MAILS.',
    actions: 'Actions',
    column: 'Template',
  },
};
