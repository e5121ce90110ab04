// Contacts as the API shows them: the task pane's card, and the admin console's detail (with alternates).
import type { Contact, Salesperson } from '../../repositories/masterData.js';
import type { ContactCard, ContactDetail } from '../../../shared/api/contacts.js';

export function presentContactCard(c: Contact, salespeople: Map<string, Salesperson>): ContactCard {
  const sp = c.salespersonCode ? salespeople.get(c.salespersonCode) : undefined;
  const person = c.kind === 'person';
  return {
    number: c.number,
    name: c.name,
    kind: c.kind,
    companyNumber: person ? c.companyNumber : null,
    companyName: person ? c.companyName : null,
    email: c.email,
    phone: c.phone,
    salesperson: sp ? { code: sp.code, name: sp.name } : null,
    privacyBlocked: c.privacyBlocked,
  };
}

export function presentContactDetail(c: Contact, salespeople: Map<string, Salesperson>): ContactDetail {
  return { ...presentContactCard(c, salespeople), alternateEmails: [...c.alternateEmails] };
}
