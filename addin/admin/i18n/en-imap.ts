// English text of the console's IMAP logging mailboxes (issue 14): the mail-source choice in the setup wizard and
// the IMAP server fields of the wizard and the Email logging page.
export const enImap = {
  imap: {
    provider: 'Where is the logging mailbox?',
    graph: 'Microsoft 365 (Graph)',
    imap: 'IMAP (Exchange on-premises, Google Workspace or any mail server)',
    steps: ['Mail source', 'IMAP server', 'Logging mailbox', 'Advanced', 'Finish'],
    prepareTitle: 'Prepare the IMAP mailbox',
    prepare:
      'Interlog reads a mailbox over IMAP that receives a blind copy of the mail between your salespeople and your contacts. Create a mailbox for it, then have the mail server copy the company’s external mail there: a transport rule on Exchange on-premises, content compliance or routing in Google Workspace, or recipient_bcc_maps and sender_bcc_maps in Postfix (the README shows each).',
    prepareFolders:
      'Interlog moves logged mail to the Archive folder (the server’s \\Archive folder, else one named Archive) and creates its quarantine folder. The account needs full rights on the mailbox.',
    serverTitle: 'IMAP server',
    host: 'Host',
    port: 'Port',
    security: 'Security',
    tls: 'TLS (implicit, usually port 993)',
    starttls: 'STARTTLS (usually port 143)',
    user: 'User name',
    password: 'Password',
    newPassword: 'New password',
    passwordStored: 'A password is stored. Leave this empty to keep it.',
    ca: 'Company CA certificate (PEM, only if the server’s certificate is not publicly trusted)',
    caStored: 'A CA certificate is stored. Leave this empty to keep it.',
    archiveFolderName: 'Archive folder on the server',
    archiveFolderHint: 'Leave empty to use the server’s \\Archive folder (or the one named Archive).',
    junkFolderName: 'Junk folder on the server',
    junkFolderHint: 'Leave empty to use the server’s \\Junk folder (or the one named Junk).',
    trashFolderName: 'Trash folder on the server',
    trashFolderHint:
      'Deleted unmatched mail goes here. Leave empty to use the server’s \\Trash folder (or Trash).',
    mailboxTitle: 'Logging mailbox',
    address: 'Logging mailbox address',
    checkFailed: 'Could not access the logging mailbox.',
    mode: 'Mail source',
    server: 'Server',
  },
};
