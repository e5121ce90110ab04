import assert from 'node:assert/strict';
import fc from 'fast-check';
import { guessContactFromSender } from '../../shared/email.js';
import { companyFromDomain } from '../../shared/senderGuess.js';
import { isFreeMailDomain } from '../../shared/freeMailDomains.js';

describe('shared/senderGuess', () => {
  describe('guessContactFromSender', () => {
    const jane = { name: 'Jane Doe', companyName: 'Fabrikam', kind: 'person' };
    const cases: [string | null, string | null, object][] = [
      // The three shapes from the brief all give the same person.
      ['Jane Doe (Fabrikam)', 'jane@contoso.com', jane], // the display name's company wins over the domain
      ['Doe, Jane', 'jane.doe@fabrikam.com', jane],
      [null, 'jane.doe@fabrikam.com', jane],
      ['jane.doe@fabrikam.com', 'jane.doe@fabrikam.com', jane], // display name that is just the address
      ['"Jane Doe"', 'JANE@FABRIKAM.COM', jane],
      ["'Doe, Jane'", 'jd@fabrikam.com', jane],
      ['Jane Doe | Fabrikam', 'jane@gmail.com', jane],
      ['Jane Doe [Fabrikam]', null, jane],
      ['  Jane   Doe ', 'jane@fabrikam.com', jane],
      ['jane doe', 'jane@fabrikam.com', jane], // all lower-case names are title-cased
      ['Jane Doe', 'jane@mail.fabrikam.co.uk', jane],
      // Free mail: no company.
      ['Jane Doe', 'jane.doe@gmail.com', { name: 'Jane Doe', companyName: null, kind: 'person' }],
      [null, 'jane_doe77@hotmail.co.uk', { name: 'Jane Doe', companyName: null, kind: 'person' }],
      [null, 'jane.doe+shop@outlook.com', { name: 'Jane Doe', companyName: null, kind: 'person' }],
      [null, 'mary-jane.smith@yahoo.fr', { name: 'Mary-Jane Smith', companyName: null, kind: 'person' }],
      // Companies.
      [
        'Fabrikam, Inc.',
        'orders@fabrikam.com',
        { name: 'Fabrikam, Inc.', companyName: null, kind: 'company' },
      ],
      ['Fabrikam Support', 'support@fabrikam.com', { name: 'Fabrikam', companyName: null, kind: 'company' }],
      ['Jane Doe', 'info@fabrikam.com', { name: 'Fabrikam', companyName: null, kind: 'company' }],
      [
        'Sales (Fabrikam Europe)',
        'sales@fabrikam.com',
        { name: 'Fabrikam Europe', companyName: null, kind: 'company' },
      ],
      ['Fabrikam, Inc.', 'lee@fabrikam.com', { name: 'Fabrikam, Inc.', companyName: null, kind: 'company' }],
      ['Contoso A/S', 'kontakt@contoso.dk', { name: 'Contoso A/S', companyName: null, kind: 'company' }],
      ['Contoso A/S', 'ceo@contoso.dk', { name: 'Contoso A/S', companyName: null, kind: 'company' }],
      ['Fabrikam', 'news@fabrikam.com', { name: 'Fabrikam', companyName: null, kind: 'company' }],
      ['Fabrikam', 'lee@fabrikam.com', { name: 'Fabrikam', companyName: null, kind: 'company' }],
      [null, 'info@contoso-pharma.com', { name: 'Contoso Pharma', companyName: null, kind: 'company' }],
      [null, 'no-reply@mail.fabrikam.com', { name: 'Fabrikam', companyName: null, kind: 'company' }],
      // Nothing usable.
      [null, null, { name: '', companyName: null, kind: 'person' }],
      ['', 'not an address', { name: '', companyName: null, kind: 'person' }],
      [null, 'info@gmail.com', { name: 'Info', companyName: null, kind: 'person' }],
    ];
    for (const [display, address, expected] of cases) {
      it(`${JSON.stringify(display)} <${address}>`, () => {
        assert.deepEqual(guessContactFromSender(display, address), expected);
      });
    }

    it('never throws and always returns a trimmed name', () => {
      fc.assert(
        fc.property(fc.option(fc.string()), fc.option(fc.oneof(fc.emailAddress(), fc.string())), (d, a) => {
          const guess = guessContactFromSender(d, a);
          assert.equal(typeof guess.name, 'string');
          assert.equal(guess.name, guess.name.trim());
          if (guess.kind === 'company') assert.equal(guess.companyName, null);
        }),
      );
    });
  });

  describe('companyFromDomain', () => {
    it('takes the registrable label, prettified', () => {
      assert.equal(companyFromDomain('fabrikam.com'), 'Fabrikam');
      assert.equal(companyFromDomain('eu.mail.fabrikam.com'), 'Fabrikam');
      assert.equal(companyFromDomain('fabrikam.co.uk'), 'Fabrikam');
      assert.equal(companyFromDomain('contoso-pharma.com.au'), 'Contoso Pharma');
      assert.equal(companyFromDomain('xn--bcher-kva.de'), 'xn--bcher-kva');
      assert.equal(companyFromDomain('com'), null);
    });
  });

  describe('isFreeMailDomain', () => {
    it('knows consumer providers across country domains and subdomains', () => {
      for (const d of [
        'gmail.com',
        'GMAIL.COM',
        'hotmail.dk',
        'hotmail.co.uk',
        'yahoo.fr',
        'live.com',
        'web.de',
      ]) {
        assert.equal(isFreeMailDomain(d), true, d);
      }
      for (const d of ['mail.aol.com', 'x.mail.dk']) assert.equal(isFreeMailDomain(d), true, d);
    });
    it('does not flag company domains that merely contain a brand', () => {
      for (const d of ['fabrikam.com', 'gmail-consulting.com', 'live.fabrikam.com', 'mail.fabrikam.com']) {
        assert.equal(isFreeMailDomain(d), false, d);
      }
    });
  });
});
