// Consumer mail providers: an address at one of these says nothing about the company a person works for, so
// "Add as contact" must not suggest "Gmail" as the company. Not exhaustive: the user edits the guess anyway.

// Providers that run the same brand under many country domains (gmail.com, hotmail.co.uk, yahoo.fr, live.dk).
const FREE_MAIL_BRANDS = new Set([
  'gmail',
  'googlemail',
  'hotmail',
  'outlook',
  'live',
  'msn',
  'yahoo',
  'ymail',
  'aol',
  'gmx',
  'yandex',
  'protonmail',
  'icloud',
]);

const FREE_MAIL_DOMAINS = new Set([
  'me.com',
  'mac.com',
  'proton.me',
  'pm.me',
  'mail.com',
  'email.com',
  'inbox.com',
  'rocketmail.com',
  'fastmail.com',
  'hey.com',
  'duck.com',
  'tutanota.com',
  'zoho.com',
  'mail.ru',
  'qq.com',
  '163.com',
  '126.com',
  'comcast.net',
  'verizon.net',
  'att.net',
  'sbcglobal.net',
  'web.de',
  't-online.de',
  'freenet.de',
  'orange.fr',
  'free.fr',
  'laposte.net',
  'libero.it',
  'virgilio.it',
  'seznam.cz',
  'wp.pl',
  'o2.pl',
  'interia.pl',
  'mail.dk',
  'jubii.dk',
  'sol.dk',
  'ofir.dk',
  'youmail.dk',
  'tdcadsl.dk',
  'stofanet.dk',
  'get2net.dk',
  'telia.com',
  'online.no',
  'bredband.net',
]);

/** True for consumer mail domains (and their subdomains), compared case-insensitively. */
export function isFreeMailDomain(domain: string): boolean {
  const labels = domain.toLowerCase().split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    if (FREE_MAIL_DOMAINS.has(labels.slice(i).join('.'))) return true;
  }
  // The brand is the label before the top-level suffix, or before a country's two-level one (hotmail.co.uk).
  const n = labels.length;
  if (FREE_MAIL_BRANDS.has(labels[n - 2] ?? '')) return true;
  const countrySecondLevel =
    /^(?:co|com|net|org|ne|or)$/.test(labels[n - 2] ?? '') && labels[n - 1]?.length === 2;
  return n >= 3 && countrySecondLevel && FREE_MAIL_BRANDS.has(labels[n - 3] ?? '');
}
