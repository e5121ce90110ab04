// Danish text of the email-logging pages, with Business Central's own terms (e-maillogføring, delt postkasse,
// Valider opsætning, Forny token, Aktiveret, Klient-id, Klienthemmelighed, Arkiv).
import type { SetupMessages } from './en-setup.js';

export const daSetup: SetupMessages = {
  wizard: {
    title: 'Konfigurer e-maillogføring',
    steps: ['Exchange', 'App-registrering', 'Delt postkasse', 'Avanceret', 'Udfør'],
    back: 'Tilbage',
    next: 'Næste',
    exchange: {
      title: 'Forbered Exchange Online',
      intro:
        'Interlog læser en delt postkasse, der modtager en Bcc-kopi af mailen mellem jeres sælgere og jeres kontakter. En Exchange-administrator forbereder den én gang:',
      sharedMailbox:
        'Opret en delt postkasse til e-maillogføring. Kun dens Indbakke behandles; Uønsket mail ignoreres.',
      jobAccount:
        'Opret en dedikeret, ikke-personlig brugerkonto, og gør den til medlem (Fuld adgang) af den delte postkasse. Med delegeret adgang logger jobbet på som denne konto.',
      rules:
        'Opret to regler for mailflow (Exchange Administration > Mailflow > Regler), der sender Bcc til den delte postkasse:',
      inboundName: 'Interlog - indgående mail',
      inboundCondition:
        'Anvend denne regel, hvis: afsenderen er placeret "Uden for organisationen", og modtageren er placeret "I organisationen".',
      outboundName: 'Interlog - udgående mail',
      outboundCondition:
        'Anvend denne regel, hvis: afsenderen er placeret "I organisationen", og modtageren er placeret "Uden for organisationen".',
      action: (mailbox: string) => `Gør følgende: tilføj modtagere i feltet Bcc: ${mailbox}.`,
      powershell: 'Eller i Exchange Online PowerShell:',
      noMoveRules:
        'Tilføj ikke regler, der flytter mail ud af den delte postkasses Indbakke: sådan mail logføres ikke.',
      archivePermission:
        'Giv de personer, der åbner logført mail, læseadgang (Reviewer) til arkivmappen i den delte postkasse:',
      placeholderMailbox: '<delt postkasse>',
      placeholderUser: '<bruger eller gruppe>',
      done: 'Disse trin er udført',
    },
    app: {
      title: 'Registrer appen i Microsoft Entra ID',
      intro:
        'Registrer et program i Microsoft Entra Administration (Appregistreringer > Ny registrering), og tilføj en klienthemmelighed eller upload et certifikat.',
      mode: 'Adgang',
      appOnly: 'Kun app (anbefales): jobbet logger på som appen',
      appOnlyPermission:
        'Microsoft Graph-programtilladelserne Mail.ReadWrite og User.Read.All (til afsendere, som Exchange angiver med en X.500-adresse) med administratorsamtykke. Begræns appen til den delte postkasse med en adgangspolitik for programmer eller RBAC for Applications.',
      delegated: 'Delegeret: jobbet logger på som den dedikerede konto',
      delegatedPermission:
        'De delegerede Microsoft Graph-tilladelser Mail.ReadWrite.Shared og offline_access med administratorsamtykke; platformen "Web" med omdirigerings-URL’en nedenfor.',
      tenantId: 'Lejer-id (Directory id)',
      clientId: 'Klient-id (Application id)',
      credential: 'Legitimationsoplysning',
      secret: 'Klienthemmelighed',
      certificate: 'Certifikat',
      secretStored: 'Der er gemt en hemmelighed. Lad feltet være tomt for at beholde den.',
      thumbprint: 'Certifikatets aftryk (SHA-1 eller SHA-256, hex)',
      privateKey: 'Certifikatets private nøgle (PEM)',
      keyStored: 'Der er gemt en privat nøgle. Lad feltet være tomt for at beholde den.',
      redirectUrl: 'Omdirigerings-URL (kopiér den til app-registreringen)',
      copy: 'Kopiér',
      copied: 'Kopieret',
      signInLater:
        'Med delegeret adgang logger du på med jobkontoen i næste trin, når den delte postkasse er angivet. Registrer først omdirigerings-URL’en ovenfor på appen (platformen "Web").',
    },
    mailbox: {
      title: 'Delt postkasse',
      checkFailed: 'Kunne ikke få adgang til den delte postkasse.',
      address: 'Den delte postkasses adresse',
      jobAccount: 'Jobkonto (delegeret adgang)',
      check: 'Kontrollér forbindelse',
      checking: 'Kontrollerer…',
      nextHint: 'Næste bliver tilgængelig, når forbindelsen er kontrolleret.',
      nextHintDelegated:
        'Næste bliver tilgængelig, når jobkontoen er logget på, og forbindelsen er kontrolleret.',
      enabledLocked:
        'E-maillogføring er aktiveret for denne postkasse. Slå Aktiveret fra på siden E-maillogføring, før du ændrer opsætningen.',
    },
    advanced: { title: 'Avancerede indstillinger' },
    finish: {
      title: 'Udfør',
      summary: 'E-maillogføring bruger disse indstillinger:',
      neverLog: 'Logfør aldrig',
      enableNow: 'Aktivér e-maillogføring, og planlæg jobbet nu',
      finish: 'Udfør',
      finishing: 'Gemmer…',
      done: (mailbox: string) => `E-maillogføring er konfigureret for ${mailbox}.`,
      enabled: 'Den er aktiveret: jobbet kører efter sin plan.',
      notEnabled: 'Den er ikke aktiveret endnu: slå Aktiveret til, når du er klar.',
      openLogging: 'Åbn E-maillogføring',
      openStatus: 'Åbn jobstatus',
      another: 'Konfigurer en postkasse mere',
    },
  },
  consent: {
    signIn: 'Log på med jobkontoen',
    signingIn: 'Åbner logon…',
    intro:
      'Jobbet læser den delte postkasse som jobkontoen. Microsoft beder dig logge på som den konto og acceptere tilladelserne og sender dig derefter tilbage hertil.',
    account: 'Jobkonto',
    signedIn: (username: string, when: string, by: string) => `${username}, logget på ${when} af ${by}.`,
    notSignedIn: 'Ingen jobkonto er logget på endnu.',
    okTitle: 'Jobkontoen er logget på',
    ok: 'E-maillogføring læser fremover den delte postkasse som denne konto.',
    failedTitle: 'Jobkontoen blev ikke logget på',
    aadsts: (n: string) => `Microsoft Entra ID-fejl AADSTS${n}.`,
    errors: {
      consent_state_invalid:
        'Dette logon blev ikke startet her, eller det er allerede gennemført. Start logon igen.',
      consent_expired: 'Logon tog mere end 10 minutter. Start det igen.',
      consent_denied:
        'Logon blev annulleret, eller tilladelserne blev afvist. Log på igen, og acceptér dem, eller få en administrator til at give administratorsamtykke til appen.',
      consent_idp_error:
        'Microsoft Entra ID afviste logon. Kontrollér app-registreringens omdirigerings-URL og delegerede tilladelser, og log på igen.',
      consent_setup_changed:
        'Opsætningen blev ændret, mens jobkontoen loggede på (adgang eller app-registrering). Log på igen.',
      consent_failed:
        'Logon kunne ikke gennemføres. Kontrollér app-registreringens klienthemmelighed eller certifikat og omdirigerings-URL, og log på igen.',
      consent_other_browser:
        'Logon kom tilbage til en anden browser end den, der startede det, og blev afvist. Start det igen her, og gennemfør det i denne browser.',
      consent_wrong_account:
        'En anden konto end jobkontoen for denne postkasse loggede på, så intet blev gemt. Log på med jobkontoen, eller skift jobkontoen først.',
      unknown: 'Jobkontoen kunne ikke logge på. Start logon igen.',
    },
  },
  settings: {
    interval: 'Kør hvert (sekunder)',
    batchSize: 'Meddelelser pr. side (batchstørrelse)',
    archiveFolder: 'Arkivmappe',
    archiveHint: 'Logført mail flyttes hertil; "archive" er den velkendte mappe Arkiv.',
    archiveRollover: 'Arkivundermapper',
    archiveRolloverHint:
      'En ny undermappe i arkivmappen hvert år eller hver måned, så ingen mappe når Exchange Onlines grænser; links virker fortsat.',
    archiveRollovers: {
      off: 'Ingen: én arkivmappe',
      yearly: 'Én pr. år (2027)',
      monthly: 'Én pr. måned (2027-03)',
    },
    archiveRolloverAtItems: 'Start næste mappe ved (elementer)',
    archiveRolloverAtItemsHint: 'Tom: ingen grænse. En fuld mappe efterfølges af "2027 (2)" osv.',
    unmatched: 'Mail, der ikke logføres',
    unmatchedDelete: 'Slet den (som Business Central)',
    unmatchedMove: 'Flyt den til en mappe',
    unmatchedKeep: 'Behold den i Indbakken',
    unmatchedFolder: 'Mappe til mail, der ikke logføres',
    quarantineFolder: 'Karantænemappe (mail, der ikke kan læses)',
    maxAttempts: 'Forsøg før karantæne',
    maxAttemptsHint:
      'En meddelelse, der bliver ved med at fejle, flyttes til karantænemappen efter så mange kørsler.',
    blocklist: 'Logfør aldrig (én adresse eller @domæne pr. linje)',
  },
  logging: {
    title: 'E-maillogføring',
    mailbox: 'Delt postkasse',
    none: 'Der er endnu ingen delt postkasse konfigureret til e-maillogføring.',
    add: 'Konfigurer en postkasse',
    enabled: 'Aktiveret',
    locked: 'Indstillingerne er låst, mens e-maillogføring er aktiveret. Slå Aktiveret fra for at ændre dem.',
    enableFailed: 'E-maillogføring blev ikke aktiveret, fordi opsætningen ikke kunne valideres:',
    connection: 'Forbindelse',
    processing: 'Behandling',
    authMode: 'Adgang',
    appOnly: 'Kun app',
    delegated: 'Delegeret',
    secretState: (state: string) => (state === 'set' ? 'gemt' : 'ikke angivet'),
    newSecret: 'Ny klienthemmelighed',
    save: 'Gem',
    saved: 'Opsætningen blev gemt.',
    validate: 'Valider opsætning',
    validating: 'Validerer…',
    runNow: 'Kør nu',
    runRequested: 'Der er bestilt en kørsel; den starter om få sekunder.',
    renewToken: 'Forny token',
    renewNote:
      'Forny token logger jobkontoen på igen, fx når dens adgangskode er ændret, eller dens logon er udløbet. Det nye logon erstatter det forrige.',
    renewAppOnly:
      'Forny token bruges med delegeret adgang: med adgang kun med app logger jobbet på som appen.',
    clear: 'Ryd opsætning',
    clearTitle: 'Ryd opsætningen?',
    clearBody:
      'E-maillogføring stopper for denne postkasse, og app-registreringens oplysninger og hemmeligheden fjernes. Logførte poster bevares.',
    cleared: 'Opsætningen blev ryddet.',
    lastValidated: (when: string, ok: boolean) =>
      `Senest valideret ${when}: ${ok ? 'klar til brug' : 'mislykkedes'}.`,
    neverValidated: 'Ikke valideret endnu.',
  },
  status: {
    directory: {
      title: 'Adressetjek',
      allValid: (salespeople: number, contacts: number) =>
        `Alle adresser på ${salespeople} sælgere og ${contacts} kontakter kan matches, hver af én post.`,
      found: (n: number) =>
        `${n} ${n === 1 ? 'adresse kræver' : 'adresser kræver'} opmærksomhed: post fra eller til dem matches som angivet nedenfor.`,
      problem: 'Problem',
      address: 'Adresse',
      owners: 'Tilhører',
      kinds: {
        invalid_email: 'Ikke en gyldig adresse: matches aldrig',
        shared_email: 'Delt: posten logføres for den første',
      },
      owner: (type: 'salesperson' | 'contact', id: string, via: 'email' | 'alternate' | null) =>
        `${type === 'salesperson' ? 'Sælger' : 'Kontakt'} ${id}${via === 'alternate' ? ' (alternativ adresse)' : ''}`,
    },
    linkCheck: {
      title: 'Links til logført mail',
      notRun:
        'Ikke kontrolleret endnu: kontrollen kører i baggrunden inden for sit timebudget af forespørgsler.',
      lastRun: (at: string, requests: number, how: string) =>
        `Senest kontrolleret ${at} (${requests} forespørgsler; ${how}).`,
      totals: (checked: number, healed: number, lost: number) =>
        `${checked} meddelelser kontrolleret indtil nu: ${healed} links genoprettet, ${lost} mistet.`,
      stopped: {
        done: 'alle poster kontrolleret',
        budget: 'timens budget er brugt',
        more: 'mere at gøre ved næste kørsel',
        error: 'stoppet af en fejl',
        stopped: 'stoppet med serveren',
      },
    },
    archive: {
      title: 'Arkivmappe',
      levels: { ok: 'God plads', warning: 'Ved at blive fyldt', critical: 'Tæt på grænsen' },
      items: (n: number) => `${n.toLocaleString('da-DK')} elementer`,
      checked: (at: string) => `kontrolleret ${at}`,
    },
    paneStart: {
      title: (days: number) => `Opgaveruden kunne ikke starte (seneste ${days} dage)`,
      none: 'Ingen opgaverude har fejlet ved start i Outlook.',
      kind: 'Fejl',
      host: 'Outlook',
      blocked: 'Blokeret',
      count: 'Antal',
      lastSeen: 'Senest set',
      kinds: {
        office_js_missing: 'Office.js blev ikke indlæst',
        blocked_by_policy: 'Blokeret af sidens sikkerhedspolitik',
        host_timeout: 'Outlook svarede ikke',
        start_error: 'Fejl under start',
      },
    },
    title: 'Jobstatus',
    refresh: 'Opdater',
    none: 'Der er endnu ingen postkasse konfigureret.',
    health: { healthy: 'I orden', failing: 'Fejler', disabled: 'Deaktiveret' },
    mailbox: 'Postkasse',
    state: 'Tilstand',
    lastRun: 'Seneste kørsel',
    nextRun: 'Næste kørsel',
    quarantined: 'I karantæne',
    failing: 'Fejlende meddelelser',
    notRun: 'Ikke kørt endnu',
    runningNow: 'Kører nu',
    failuresInRow: (n: number) => `${n} mislykkede kørsler i træk`,
    notifications: {
      column: 'Notifikationer',
      states: {
        polling_only: 'Kun polling',
        active: 'Aktiv',
        pending: 'Oprettes',
        failing: 'Fejler',
        expired: 'Udløbet',
      },
      reasons: {
        private_url: 'Microsoft 365 kan ikke nå PUBLIC_URL; posten hentes med polling',
        turned_off: 'Slået fra (CHANGE_NOTIFICATIONS=off); posten hentes med polling',
        delegated_sign_in:
          'Ikke muligt med en jobkonto: Microsoft 365 sender kun meddelelser for delte postkasser til app-only-opsætninger; posten hentes med polling',
        imap_no_idle: 'IMAP-serveren tilbyder ikke IDLE; posten hentes med polling',
      },
      imapIdle: 'IMAP IDLE-forbindelse',
      expires: (when: string) => `Udløber ${when}`,
      poll: (seconds: number) => `Hentes hvert ${seconds}. sekund`,
      rejected: (n: number) => `${n} ignoreret (forkert clientState)`,
      error: (code: string) => `Seneste fejl: ${code}`,
    },
    details: 'Detaljer',
    runs: (mailbox: string) => `Kørsler for ${mailbox}`,
    noRuns: 'Ingen kørsler endnu.',
    started: 'Startet',
    trigger: 'Udløser',
    outcome: 'Resultat',
    counts: 'Antal',
    errors: 'Fejl',
    triggers: { schedule: 'Plan', manual: 'Kør nu', cli: 'Kommandolinje' },
    outcomes: {
      running: 'Kører',
      succeeded: 'Gennemført',
      partial: 'Delvist mislykket',
      failed: 'Mislykket',
    },
    counters: {
      read: 'læst',
      logged: 'logført',
      entriesWritten: 'poster',
      archived: 'arkiveret',
      deleted: 'slettet',
      moved: 'flyttet',
      kept: 'beholdt',
      quarantined: 'i karantæne',
      blocked: 'blokeret',
      duplicate: 'dubletter',
      failed: 'mislykket',
      recovered: 'genoprettet',
    },
    contexts: {
      validate_setup: 'Valider opsætning',
      get_messages: 'Hent e-mails',
      process_message: 'Behandl e-mail',
      log_interaction: 'Logfør interaktion',
      archive: 'Arkivér e-mail',
      delete: 'Slet e-mail',
      move: 'Flyt e-mail',
      quarantine: 'Sæt e-mail i karantæne',
    },
    message: (id: string) => `Meddelelse ${id}`,
    quarantine: 'Meddelelser i karantæne',
    stillFailing: 'Fejler stadig',
    release: 'Frigiv',
    releaseOne: (subject: string) => `Frigiv "${subject}"`,
    releaseAll: 'Frigiv alle',
    released: (n: number) => `${n} meddelelse(r) frigivet: næste kørsel behandler dem igen.`,
    stillInInbox: '(stadig i indbakken: den kunne ikke flyttes)',
    noQuarantine: 'Ingen meddelelser.',
    subject: 'Emne',
    reason: 'Årsag',
    attempts: 'Forsøg',
    updated: 'Opdateret',
    trend: 'Logført mail pr. dag',
    trendDay: (date: string, messages: number, entries: number) =>
      `${date}: ${messages} e-mail(s), ${entries} post(er)`,
  },
};
