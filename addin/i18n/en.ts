// English UI text. `da.ts` must provide the same keys (its type is Messages).

export const en = {
  common: {
    retry: 'Retry',
    cancel: 'Cancel',
    close: 'Close',
    loading: 'Loading…',
    dismiss: 'Dismiss',
    moreActions: 'More actions',
  },
  auth: {
    signedOutTitle: 'Sign in to Interlog',
    signedOutBody: 'Sign in with your work account to see the CRM history of this email.',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    cancelled: 'Sign-in was cancelled. Try again when you are ready.',
  },
  start: {
    title: 'Interlog could not start inside Outlook',
    office_js_missing:
      "Microsoft's Office library did not load. Your network or proxy may block appsforoffice.microsoft.com.",
    blocked_by_policy:
      'A security policy of this page blocked a script Outlook needs ({origin}). Tell your Interlog administrator.',
    host_timeout:
      'Outlook did not answer in time. Retry; if it keeps happening, close the pane and open it again.',
    start_error:
      'Something went wrong while starting. Retry; if it keeps happening, tell your administrator.',
    reported: 'Your administrator can see this failure in Interlog.',
    outsideTitle: 'Open Interlog in Outlook',
    outside:
      'This page is the Interlog task pane. Open an email in Outlook (on the web, Windows, Mac or mobile) and choose Interlog there.',
  },
  item: {
    none: 'Select an email to see its contacts and history.',
    internalOnly: 'This email has no external participants.',
    composeHint: 'The email can be logged once it is sent.',
  },
  participants: {
    title: 'Participants',
  },
  contacts: {
    title: 'Contact',
    picker: 'Choose contact',
    person: 'Person',
    company: 'Company',
    companyLabel: 'Company',
    emailLabel: 'Email',
    phoneLabel: 'Phone',
    salespersonLabel: 'Salesperson',
    privacyBlocked: 'This contact is privacy blocked: no logging or opportunities.',
  },
  unknown: {
    title: 'Not in the CRM yet',
    addAsContact: 'Add as contact',
    // Starts with the visible label: speech users say what they see (WCAG 2.5.3, label in name).
    addAsContactFor: (address: string) => `Add as contact: ${address}`,
    dialogTitle: 'Add as contact',
    name: 'Name',
    kind: 'Type',
    email: 'Email',
    companyName: 'Company name',
    phone: 'Phone',
    create: 'Add contact',
    creating: 'Adding…',
    created: (number: string) => `Contact ${number} added.`,
  },
  log: {
    logThis: 'Log this email',
    logging: 'Logging…',
    logged: 'Logged',
    loggedFor: (count: number) => (count === 1 ? 'Logged for 1 contact' : `Logged for ${count} contacts`),
    done: 'The email was logged.',
    alreadyLogged: 'The email was already logged.',
    noMessageId: 'This email cannot be logged yet. Try again in a moment.',
    noContact: 'None of the participants is a contact: add one as a contact to log this email.',
  },
  history: {
    title: 'Interaction log entries',
    empty: 'No interactions with this contact yet.',
    more: 'Show more',
    loadingMore: 'Loading more…',
    inbound: 'Received',
    outbound: 'Sent',
    canceled: 'Canceled',
    linkLost: 'Link lost',
    thisEmail: 'This email',
    noSubject: '(no subject)',
    conversationWith: (name: string) => `Conversation with ${name}`,
    someone: 'a colleague',
    sensitive: '(private email)',
    private: 'Private',
    opportunity: (number: string) => `Opportunity ${number}`,
    salesperson: (name: string) => `Salesperson: ${name}`,
    entryActions: (subject: string) => `Actions for ${subject}`,
  },
  viewMail: {
    action: 'View email',
    title: 'Logged email',
    noSubject: '(no subject)',
    from: 'From',
    to: 'To',
    cc: 'Cc',
    date: 'Sent',
    loading: 'Reading the email from the logging mailbox…',
    attachments: 'Attachments',
    download: (name: string, size: string) => `Download ${name}, ${size}`,
    cloudLink: (name: string) =>
      `${name}: a link to a file in the cloud. Open the email in Outlook to follow it.`,
    size: (bytes: number) =>
      bytes < 1024
        ? `${bytes} B`
        : bytes < 1048576
          ? `${Math.round(bytes / 1024)} KB`
          : `${(bytes / 1048576).toFixed(1)} MB`,
    truncated: 'This email is very long: only its beginning is shown.',
    remoteBlocked: 'Pictures and other content from the Internet are not shown.',
    bodyFrame: 'Email content',
    bodyText: 'Email text',
    empty: 'This email has no text.',
    error: (code: string | null): string => {
      switch (code) {
        case 'mail_gone':
          return 'The email is no longer in the logging mailbox: it was deleted or moved where Interlog cannot reach it.';
        case 'mail_not_linked':
          return 'Interlog has no copy of this email to show yet (an email logged by hand is shown once its copy reaches the logging mailbox).';
        case 'not_owner':
          return 'You may not read this email: it belongs to another salesperson, or it is private.';
        case 'privacy_blocked':
          return 'The contact is privacy blocked: its email is not shown.';
        case 'mail_source_unavailable':
          return 'The logging mailbox does not answer right now. Try again in a moment.';
        case 'mail_source_failed':
          return 'The logging mailbox refused to hand out the email. Ask your Interlog admin to check the email logging setup.';
        case 'mail_too_large':
          return 'This email is too large to show here. Open it in the logging mailbox with your mail program.';
        default:
          return 'The email could not be read.';
      }
    },
    downloadFailed: (name: string) => `${name} could not be downloaded.`,
  },
  openMail: {
    action: 'Open email',
    title: 'Open the logged email?',
    body: 'The email may contain harmful content, such as links or attachments from people you do not know. Open it only if you trust it.',
    confirm: 'Open email',
    notAvailable: 'The logged email cannot be opened (it may not be archived yet).',
    linkLost: (date: string) =>
      `The logged email can no longer be found in the logging mailbox (since ${date}). It may have been deleted, or moved where Interlog cannot reach it, such as the online archive.`,
    linkLostHelpTitle: 'Where to get help',
  },
  opportunities: {
    title: 'Open opportunities',
    empty: 'No open opportunities.',
    create: 'Create opportunity',
    createTitle: 'Create opportunity',
    description: 'Description',
    contact: 'Contact',
    salesperson: 'Salesperson code',
    estimatedValue: 'Estimated value',
    expectedCloseDate: 'Expected close date',
    creating: 'Creating…',
    created: (number: string) => `Opportunity ${number} was created.`,
    link: 'Link to existing opportunity',
    linkTitle: 'Link to existing opportunity',
    choose: 'Opportunity',
    chooseEmpty: 'This contact has no open opportunities to link to.',
    linking: 'Linking…',
    linkAction: 'Link',
    linked: (number: string) => `The entry was linked to opportunity ${number}.`,
    closes: (date: string) => `Closes ${date}`,
  },
  errors: {
    generic: 'Something went wrong. Please try again.',
    network: 'The Interlog server could not be reached. Check your connection and try again.',
    forbidden: 'You do not have access to this.',
    notFound: 'It was not found; it may have been deleted.',
    privacyBlocked: 'The contact is privacy blocked.',
    entryCanceled: 'The entry is canceled.',
    alreadyLinked: 'The entry already has an opportunity.',
    opportunityClosed: 'That opportunity is closed.',
    contactExists: 'A contact with this email already exists.',
    nothingToLog: 'Nothing to log: no contact and salesperson were found on this email.',
    rateLimited: 'Too many requests. Wait a moment and try again.',
    invalidResponse: 'The server answered in an unexpected way. The add-in may need to be reloaded.',
    office: 'Outlook could not do that.',
    loadFailed: 'Could not load the CRM data.',
  },
  validation: {
    required: 'Required.',
    tooLong: (max: number) => `At most ${max} characters.`,
    email: 'Enter a valid email address.',
    amount: 'Enter a number, e.g. 1500 or 1500.50.',
    date: 'Enter a valid date.',
    code: 'Use capital letters, digits, - and _ only.',
    invalid: 'Check this value.',
  },
};

export type Messages = typeof en;
