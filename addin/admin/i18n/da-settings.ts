// Danish texts of the console's Settings page (same keys as en-settings.ts).
import type { enSettings } from './en-settings.js';

export const daSettings: typeof enSettings = {
  deployment: {
    title: 'Indstillinger',
    visibility: 'Hvem ser hvilke interaktionslogposter',
    team: 'Team: alle sælgere ser alle poster (som i Business Central)',
    owner:
      'Ejer: en sælger ser sine egne poster og sine kontakters fuldt ud; af de andre kun at en samtale fandt sted (dato, retning, sælger)',
    adminsSeeAll:
      'Administratorer ser altid alle poster; hvad de læser af andre sælgeres mails, registreres.',
    sensitiveMail: 'Mails, som afsenderen har markeret Privat eller Fortroligt',
    metadata: 'Logfør uden emne (dato, retning, kontakt, sælger)',
    skip: 'Logfør ikke (behandles som mails uden match)',
    save: 'Gem',
    saved: 'Indstillingerne er gemt.',
    lastChanged: (who, when) => `Senest ændret af ${who}, ${when}.`,
    defaults: 'Standardindstillingerne gælder: ingen administrator har gemt indstillinger endnu.',
  },
  templates: {
    title: 'Interaktionsskabeloner',
    hint: 'Alle logførte e-mails får den skabelon, der er valgt til e-mails: dens kode, interaktionsgruppe, omkostning og varighed kopieres til posten, når den logføres (som i Business Central); senere ændringer påvirker ikke logførte poster.',
    code: 'Kode',
    description: 'Beskrivelse',
    group: 'Interaktionsgruppe',
    cost: 'Omkostning (RV)',
    duration: 'Varighed (min.)',
    field: (field, row) => `${field}, skabelon ${row}`,
    add: 'Tilføj skabelon',
    remove: (code) => `Fjern skabelonen ${code}`,
    emailTemplate: 'Skabelon til e-mails',
    emailTemplateNone: 'Ingen (posterne får ingen skabelon)',
    empty: 'Ingen interaktionsskabeloner endnu. Den assisterede opsætning tilføjer E-MAILS.',
    actions: 'Handlinger',
    column: 'Skabelon',
  },
};
