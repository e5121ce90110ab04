// Danish UI text, with Business Central's own terms (kontakt, sælger, salgsmulighed, interaktionslogposter,
// e-maillogføring, "Vis vedhæftede filer" for viewing the logged mail).
import type { Messages } from './en.js';

export const da: Messages = {
  common: {
    retry: 'Prøv igen',
    cancel: 'Annuller',
    close: 'Luk',
    loading: 'Indlæser…',
    dismiss: 'Luk besked',
    moreActions: 'Flere handlinger',
  },
  auth: {
    signedOutTitle: 'Log på Interlog',
    signedOutBody: 'Log på med din arbejdskonto for at se CRM-historikken for denne e-mail.',
    signIn: 'Log på',
    signingIn: 'Logger på…',
    cancelled: 'Logon blev annulleret. Prøv igen, når du er klar.',
  },
  start: {
    title: 'Interlog kunne ikke starte i Outlook',
    office_js_missing:
      'Microsofts Office-bibliotek blev ikke indlæst. Dit netværk eller din proxy blokerer måske appsforoffice.microsoft.com.',
    blocked_by_policy:
      'En sikkerhedspolitik på siden blokerede et script, som Outlook skal bruge ({origin}). Kontakt din Interlog-administrator.',
    host_timeout: 'Outlook svarede ikke i tide. Prøv igen; sker det igen, så luk ruden og åbn den igen.',
    start_error: 'Der gik noget galt under starten. Prøv igen; sker det igen, så kontakt din administrator.',
    reported: 'Din administrator kan se denne fejl i Interlog.',
    outsideTitle: 'Åbn Interlog i Outlook',
    outside:
      'Denne side er Interlogs opgaverude. Åbn en e-mail i Outlook (på nettet, Windows, Mac eller mobil), og vælg Interlog der.',
  },
  item: {
    none: 'Vælg en e-mail for at se dens kontakter og historik.',
    internalOnly: 'Denne e-mail har ingen eksterne deltagere.',
    composeHint: 'E-mailen kan logføres, når den er sendt.',
  },
  participants: {
    title: 'Deltagere',
  },
  contacts: {
    title: 'Kontakt',
    picker: 'Vælg kontakt',
    person: 'Person',
    company: 'Virksomhed',
    companyLabel: 'Virksomhed',
    emailLabel: 'E-mail',
    phoneLabel: 'Telefon',
    salespersonLabel: 'Sælger',
    privacyBlocked:
      'Kontakten er beskyttet af hensyn til databeskyttelse: ingen logføring eller salgsmuligheder.',
  },
  unknown: {
    title: 'Endnu ikke i CRM',
    addAsContact: 'Tilføj som kontakt',
    // Starts with the visible label: speech users say what they see (WCAG 2.5.3, label in name).
    addAsContactFor: (address) => `Tilføj som kontakt: ${address}`,
    dialogTitle: 'Tilføj som kontakt',
    name: 'Navn',
    kind: 'Type',
    email: 'E-mail',
    companyName: 'Virksomhedsnavn',
    phone: 'Telefon',
    create: 'Tilføj kontakt',
    creating: 'Tilføjer…',
    created: (number) => `Kontakt ${number} er tilføjet.`,
  },
  log: {
    logThis: 'Logfør denne e-mail',
    logging: 'Logfører…',
    logged: 'Logført',
    loggedFor: (count) => (count === 1 ? 'Logført for 1 kontakt' : `Logført for ${count} kontakter`),
    done: 'E-mailen er logført.',
    alreadyLogged: 'E-mailen var allerede logført.',
    noMessageId: 'E-mailen kan ikke logføres endnu. Prøv igen om lidt.',
    noContact: 'Ingen af deltagerne er en kontakt: tilføj en som kontakt for at logføre e-mailen.',
  },
  history: {
    title: 'Interaktionslogposter',
    empty: 'Ingen interaktioner med denne kontakt endnu.',
    more: 'Vis flere',
    loadingMore: 'Indlæser flere…',
    inbound: 'Modtaget',
    outbound: 'Sendt',
    canceled: 'Annulleret',
    linkLost: 'Link mistet',
    thisEmail: 'Denne e-mail',
    noSubject: '(intet emne)',
    conversationWith: (name) => `Samtale med ${name}`,
    someone: 'en kollega',
    sensitive: '(privat e-mail)',
    private: 'Privat',
    opportunity: (number) => `Salgsmulighed ${number}`,
    salesperson: (name) => `Sælger: ${name}`,
    entryActions: (subject) => `Handlinger for ${subject}`,
  },
  viewMail: {
    action: 'Vis e-mail',
    title: 'Logført e-mail',
    noSubject: '(intet emne)',
    from: 'Fra',
    to: 'Til',
    cc: 'Cc',
    date: 'Sendt',
    loading: 'Henter e-mailen fra logføringspostkassen…',
    attachments: 'Vedhæftede filer',
    download: (name: string, size: string) => `Hent ${name}, ${size}`,
    cloudLink: (name: string) =>
      `${name}: et link til en fil i skyen. Åbn e-mailen i Outlook for at følge det.`,
    size: (bytes: number) =>
      bytes < 1024
        ? `${bytes} B`
        : bytes < 1048576
          ? `${Math.round(bytes / 1024)} KB`
          : `${(bytes / 1048576).toFixed(1).replace('.', ',')} MB`,
    truncated: 'E-mailen er meget lang: kun begyndelsen vises.',
    remoteBlocked: 'Billeder og andet indhold fra internettet vises ikke.',
    bodyFrame: 'E-mailens indhold',
    bodyText: 'E-mailens tekst',
    empty: 'E-mailen har ingen tekst.',
    error: (code: string | null) => {
      switch (code) {
        case 'mail_gone':
          return 'E-mailen findes ikke længere i logføringspostkassen: den er slettet eller flyttet et sted hen, som Interlog ikke kan nå.';
        case 'mail_not_linked':
          return 'Interlog har endnu ingen kopi af denne e-mail at vise (en manuelt logført e-mail vises, når kopien er nået til logføringspostkassen).';
        case 'not_owner':
          return 'Du må ikke læse denne e-mail: den tilhører en anden sælger, eller den er privat.';
        case 'privacy_blocked':
          return 'Kontakten er spærret af hensyn til beskyttelse af personlige oplysninger: dens e-mails vises ikke.';
        case 'mail_source_unavailable':
          return 'Logføringspostkassen svarer ikke lige nu. Prøv igen om lidt.';
        case 'mail_source_failed':
          return 'Logføringspostkassen ville ikke udlevere e-mailen. Bed din Interlog-administrator om at kontrollere opsætningen af e-maillogføring.';
        case 'mail_too_large':
          return 'Denne e-mail er for stor til at blive vist her. Åbn den i logføringspostkassen med dit mailprogram.';
        default:
          return 'E-mailen kunne ikke læses.';
      }
    },
    downloadFailed: (name: string) => `${name} kunne ikke hentes.`,
  },
  openMail: {
    action: 'Vis vedhæftede filer',
    title: 'Vil du åbne den logførte e-mail?',
    body: 'E-mailen kan indeholde skadeligt indhold, f.eks. links eller vedhæftede filer fra personer, du ikke kender. Åbn den kun, hvis du har tillid til den.',
    confirm: 'Åbn e-mail',
    notAvailable: 'Den logførte e-mail kan ikke åbnes (den er måske ikke arkiveret endnu).',
    linkLost: (date: string) =>
      `Den logførte e-mail findes ikke længere i logføringspostkassen (siden ${date}). Den kan være slettet eller flyttet et sted hen, som Interlog ikke kan nå, f.eks. onlinearkivet.`,
    linkLostHelpTitle: 'Her kan du få hjælp',
  },
  opportunities: {
    title: 'Åbne salgsmuligheder',
    empty: 'Ingen åbne salgsmuligheder.',
    create: 'Opret salgsmulighed',
    createTitle: 'Opret salgsmulighed',
    description: 'Beskrivelse',
    contact: 'Kontakt',
    salesperson: 'Sælgerkode',
    estimatedValue: 'Anslået værdi',
    expectedCloseDate: 'Forventet lukkedato',
    creating: 'Opretter…',
    created: (number) => `Salgsmulighed ${number} er oprettet.`,
    link: 'Knyt til eksisterende salgsmulighed',
    linkTitle: 'Knyt til eksisterende salgsmulighed',
    choose: 'Salgsmulighed',
    chooseEmpty: 'Kontakten har ingen åbne salgsmuligheder at knytte til.',
    linking: 'Knytter…',
    linkAction: 'Knyt',
    linked: (number) => `Posten er knyttet til salgsmulighed ${number}.`,
    closes: (date) => `Lukker ${date}`,
  },
  errors: {
    generic: 'Noget gik galt. Prøv igen.',
    network: 'Interlog-serveren kunne ikke nås. Kontroller forbindelsen, og prøv igen.',
    forbidden: 'Du har ikke adgang til dette.',
    notFound: 'Det blev ikke fundet; det er måske slettet.',
    privacyBlocked: 'Kontakten er beskyttet af hensyn til databeskyttelse.',
    entryCanceled: 'Posten er annulleret.',
    alreadyLinked: 'Posten har allerede en salgsmulighed.',
    opportunityClosed: 'Salgsmuligheden er lukket.',
    contactExists: 'Der findes allerede en kontakt med denne e-mail.',
    nothingToLog: 'Intet at logføre: der blev ikke fundet en kontakt og en sælger på denne e-mail.',
    rateLimited: 'For mange forespørgsler. Vent et øjeblik, og prøv igen.',
    invalidResponse: 'Serveren svarede uventet. Tilføjelsesprogrammet skal måske genindlæses.',
    office: 'Outlook kunne ikke udføre handlingen.',
    loadFailed: 'CRM-data kunne ikke indlæses.',
  },
  validation: {
    required: 'Skal udfyldes.',
    tooLong: (max) => `Højst ${max} tegn.`,
    email: 'Angiv en gyldig e-mailadresse.',
    amount: 'Angiv et tal, f.eks. 1500 eller 1500,50.',
    date: 'Angiv en gyldig dato.',
    code: 'Brug kun store bogstaver, tal, - og _.',
    invalid: 'Kontroller værdien.',
  },
};
