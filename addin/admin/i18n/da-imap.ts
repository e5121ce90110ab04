// Danish text of the console's IMAP logging mailboxes (issue 14); the keys of en-imap.ts.
import type { enImap } from './en-imap.js';

export const daImap: typeof enImap = {
  imap: {
    provider: 'Hvor er logføringspostkassen?',
    graph: 'Microsoft 365 (Graph)',
    imap: 'IMAP (Exchange lokalt, Google Workspace eller en anden mailserver)',
    steps: ['Mailkilde', 'IMAP-server', 'Logføringspostkasse', 'Avanceret', 'Udfør'],
    prepareTitle: 'Forbered IMAP-postkassen',
    prepare:
      'Interlog læser en postkasse via IMAP, som modtager en blindkopi af mailen mellem dine sælgere og dine kontakter. Opret en postkasse til det, og lad mailserveren kopiere virksomhedens eksterne mail dertil: en transportregel i Exchange lokalt, indholdsoverholdelse eller routing i Google Workspace, eller recipient_bcc_maps og sender_bcc_maps i Postfix (README viser hver af dem).',
    prepareFolders:
      'Interlog flytter logført mail til arkivmappen (serverens \\Archive-mappe, ellers en mappe med navnet Archive) og opretter sin karantænemappe. Kontoen skal have fulde rettigheder til postkassen.',
    serverTitle: 'IMAP-server',
    host: 'Værtsnavn',
    port: 'Port',
    security: 'Sikkerhed',
    tls: 'TLS (direkte, normalt port 993)',
    starttls: 'STARTTLS (normalt port 143)',
    user: 'Brugernavn',
    auth: 'Logon',
    authPassword: 'Adgangskode',
    authOAuth: 'OAuth 2.0 (XOAUTH2: Microsoft 365, Google Workspace)',
    oauthGrant: 'Token fra',
    oauthGrantClient: 'En apps klienthemmelighed (Microsoft 365 med app-adgang)',
    oauthGrantServiceAccount: 'En tjenestekontos nøgle (Google Workspace, domænedækkende delegering)',
    oauthTokenUrlHintGoogle:
      'Google: https://oauth2.googleapis.com/token. Giv i Admin-konsollen tjenestekontoens klient-id domænedækkende delegering af https://mail.google.com/; den logger på som brugernavnet ovenfor.',
    oauthServiceAccount: 'Tjenestekonto (e-mail)',
    oauthPrivateKey: 'Privat nøgle',
    oauthNewPrivateKey: 'Ny privat nøgle',
    oauthPrivateKeyHint:
      'Indsæt JSON-nøglefilen, som den er (nøglen, kontoen og token-slutpunktet hentes fra den), eller den private PEM-nøgle.',
    oauthPrivateKeyStored: 'Der er gemt en privat nøgle. Lad feltet være tomt for at beholde den.',
    oauthScopeHintGoogle: 'Google Workspace: https://mail.google.com/',
    oauthTokenUrl: 'Token-slutpunkt',
    oauthTokenUrlHint:
      'Microsoft 365: https://login.microsoftonline.com/<lejer-id>/oauth2/v2.0/token. App-registreringen skal have IMAP.AccessAsApp og en Exchange-tjenesteprincipal med rettigheder til postkassen.',
    oauthClientId: 'Klient-id',
    oauthClientSecret: 'Klienthemmelighed',
    oauthNewClientSecret: 'Ny klienthemmelighed',
    oauthClientSecretStored: 'Der er gemt en klienthemmelighed. Lad feltet være tomt for at beholde den.',
    oauthScope: 'Omfang (scope)',
    oauthScopeHint: 'Microsoft 365: https://outlook.office365.com/.default',
    password: 'Adgangskode',
    newPassword: 'Ny adgangskode',
    passwordStored: 'Der er gemt en adgangskode. Lad feltet være tomt for at beholde den.',
    ca: 'Virksomhedens CA-certifikat (PEM, kun hvis serverens certifikat ikke er offentligt betroet)',
    caStored: 'Der er gemt et CA-certifikat. Lad feltet være tomt for at beholde det.',
    archiveFolderName: 'Arkivmappe på serveren',
    archiveFolderHint:
      'Lad feltet være tomt for at bruge serverens \\Archive-mappe (eller mappen med navnet Archive).',
    junkFolderName: 'Uønsket mail-mappe på serveren',
    junkFolderHint:
      'Lad feltet være tomt for at bruge serverens \\Junk-mappe (eller mappen med navnet Junk).',
    trashFolderName: 'Papirkurv på serveren',
    trashFolderHint:
      'Slettet mail uden match lægges her. Lad feltet være tomt for at bruge serverens \\Trash-mappe (eller Trash).',
    mailboxTitle: 'Logføringspostkasse',
    address: 'Logføringspostkassens adresse',
    checkFailed: 'Kunne ikke få adgang til logføringspostkassen.',
    mode: 'Mailkilde',
    server: 'Server',
  },
};
