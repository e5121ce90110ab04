// The demo's cast, in one place: the salespeople and contacts seed.ts writes into the database and whose mail
// conversations.ts makes up. Plain data (no database), so the mail generator and its tests can use it as is.

export interface DemoSalesperson {
  code: string;
  name: string;
  email: string;
  active: boolean;
}

export const DEMO_SALESPEOPLE: readonly DemoSalesperson[] = [
  { code: 'AH', name: 'Annette Hill', email: 'annette.hill@contoso.example', active: true },
  { code: 'BD', name: 'Bart Duncan', email: 'bart.duncan@contoso.example', active: true },
  { code: 'JO', name: 'Jim Olive', email: 'jim.olive@contoso.example', active: true },
];

export interface DemoCompany {
  name: string;
  domain: string;
  people: readonly string[];
  /** How its people's Outlook prefixes a reply: Danish Outlook writes "SV:". */
  replyPrefix: 'RE:' | 'SV:';
}

export const DEMO_COMPANIES: readonly DemoCompany[] = [
  { name: 'Fabrikam Inc.', domain: 'fabrikam.example', people: ['Jane Doe', 'Mark Lee'], replyPrefix: 'RE:' },
  { name: 'Adatum Corporation', domain: 'adatum.example', people: ['Ida Berg'], replyPrefix: 'SV:' },
  {
    name: 'Trey Research',
    domain: 'treyresearch.example',
    people: ['Karl Nilsen', 'Sara Holm'],
    replyPrefix: 'SV:',
  },
];

export interface DemoPerson {
  name: string;
  email: string;
  company: DemoCompany;
  /** The contact's salesperson (account owner): the people take turns, in the order listed. */
  ownerCode: string;
  phone: string;
}

/** Every contact person of the demo, in seeding order. */
export const DEMO_PERSONS: readonly DemoPerson[] = DEMO_COMPANIES.flatMap((company) => company.people).map(
  (name, k) => {
    const company = DEMO_COMPANIES.find((c) => c.people.includes(name))!;
    return {
      name,
      email: `${name.toLowerCase().replace(' ', '.')}@${company.domain}`,
      company,
      ownerCode: DEMO_SALESPEOPLE[k % DEMO_SALESPEOPLE.length]!.code,
      phone: '+45 70 00 00 0' + (k + 1),
    };
  },
);

/** The company contact's address (BC's company card has one too). */
export const companyEmail = (company: DemoCompany): string => `info@${company.domain}`;
