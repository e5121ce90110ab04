// English texts of the console's Settings page (the visibility model and sensitive mail), kept apart from en.ts.
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
};
