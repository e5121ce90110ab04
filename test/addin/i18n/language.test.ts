import assert from 'node:assert/strict';
import { chooseLanguage, messagesFor } from '../../../addin/i18n/language.js';

describe('addin/i18n/language', () => {
  it('chooses Danish for any Danish display language, English otherwise', () => {
    for (const tag of ['da', 'da-DK', 'DA-dk', 'da_DK', ' da-GL '])
      assert.equal(chooseLanguage(tag), 'da', tag);
    for (const tag of ['en-US', 'en-GB', 'nb-NO', 'sv-SE', 'de-DE', '', undefined, null]) {
      assert.equal(chooseLanguage(tag), 'en', String(tag));
    }
  });

  it("uses Business Central's Danish terms", () => {
    const da = messagesFor('da');
    assert.equal(da.history.title, 'Interaktionslogposter');
    assert.equal(da.opportunities.create, 'Opret salgsmulighed');
    assert.equal(da.contacts.salespersonLabel, 'Sælger');
    assert.equal(messagesFor('en').opportunities.create, 'Create opportunity');
  });

  it('has a Danish text for every English one', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        v && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}:${typeof v}`],
      );
    assert.deepEqual(keys(messagesFor('da')), keys(messagesFor('en')));
  });
});
