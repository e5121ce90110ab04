// Which Go can build FerretDB v1.24.2: its go.mod asks for Go 1.24, and an older Go would try to download that
// toolchain (which fails offline with a confusing error), so the check says what is needed and where to get it.
import assert from 'node:assert/strict';
import { goProblem } from '../../../scripts/lib/ferretdb.js';

describe('FerretDB build: the Go it needs', () => {
  it('accepts Go 1.24 and newer', () => {
    for (const v of [
      'go version go1.24.0 linux/amd64',
      'go version go1.26.8 linux/amd64',
      'go version go2.0 x',
    ])
      assert.equal(goProblem(v), null, v);
  });

  it("says Debian 12's Go 1.19 is too old, what version is needed and where to get it", () => {
    const problem = goProblem('go version go1.19.8 linux/amd64');
    assert.match(problem!, /^Go 1\.19 is too old: building FerretDB v1\.24\.2 needs Go 1\.24 or newer/);
    assert.match(problem!, /https:\/\/go\.dev\/dl\//);
    assert.match(goProblem('go version go1.23.4 linux/amd64')!, /Go 1\.23 is too old/);
  });

  it('says Go is missing, or that its version cannot be read', () => {
    assert.match(
      goProblem(null)!,
      /^Go is not installed: building FerretDB v1\.24\.2 needs Go 1\.24 or newer/,
    );
    assert.match(goProblem('something else')!, /cannot read the Go version/);
  });
});
