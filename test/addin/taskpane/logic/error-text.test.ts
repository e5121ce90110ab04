import assert from 'node:assert/strict';
import { ApiError, NetworkError } from '../../../../addin/api/errors.js';
import { da } from '../../../../addin/i18n/da.js';
import { en } from '../../../../addin/i18n/en.js';
import { OfficeCallError } from '../../../../addin/office/async.js';
import { errorText } from '../../../../addin/taskpane/logic/error-text.js';
import { fieldErrors } from '../../../../addin/taskpane/logic/form-errors.js';
import { CreateOpportunityRequest } from '../../../../shared/api/opportunities.js';

describe('addin/taskpane/logic/error-text', () => {
  it('explains API problems by their stable code', () => {
    assert.equal(errorText(new ApiError(422, 'nothing_to_log', 'x'), en), en.errors.nothingToLog);
    assert.equal(errorText(new ApiError(409, 'privacy_blocked', 'x'), da), da.errors.privacyBlocked);
  });

  it('falls back on the HTTP status for codes it does not know', () => {
    assert.equal(errorText(new ApiError(403, 'some_new_code', 'x'), en), en.errors.forbidden);
    assert.equal(errorText(new ApiError(500, 'internal_error', 'x'), en), en.errors.generic);
  });

  it('tells network and Outlook failures apart from anything else', () => {
    assert.equal(errorText(new NetworkError(new TypeError('fetch failed')), en), en.errors.network);
    assert.equal(errorText(new OfficeCallError('to.getAsync', 9041, 'x'), en), en.errors.office);
    assert.equal(errorText(new Error('surprise'), en), en.errors.generic);
  });
});

describe('addin/taskpane/logic/form-errors', () => {
  const base = { contactNumber: 'CT1', description: 'Pumps' };
  const errorsOf = (request: object) => {
    const r = CreateOpportunityRequest.safeParse(request);
    assert.equal(r.success, false);
    return fieldErrors(r.error!, en);
  };

  it('names the field and the rule, in the user language', () => {
    assert.deepEqual(errorsOf({ ...base, description: '  ' }), { description: en.validation.required });
    assert.deepEqual(errorsOf({ ...base, description: 'x'.repeat(101) }), {
      description: en.validation.tooLong(100),
    });
    assert.deepEqual(errorsOf({ ...base, expectedCloseDate: '2025-02-30x' }), {
      expectedCloseDate: en.validation.date,
    });
    assert.deepEqual(errorsOf({ ...base, estimatedValue: NaN }), { estimatedValue: en.validation.amount });
    assert.deepEqual(errorsOf({ ...base, salespersonCode: 'jd' }), { salespersonCode: en.validation.code });
  });
});
