import assert from 'node:assert/strict';
import { writeConcernFor } from '../../../server/repositories/db.js';
import { useTestDatabase } from '../../support/db.js';

describe('database connection: write concern', () => {
  it('asks for majority-acknowledged, journaled writes unless the connection string says otherwise', () => {
    assert.deepEqual(writeConcernFor('mongodb://db.example:27017/interlog'), {
      w: 'majority',
      journal: true,
    });
    assert.deepEqual(writeConcernFor('mongodb+srv://u:p@cluster0.example.net/x?retryWrites=true'), {
      w: 'majority',
      journal: true,
    });
    assert.deepEqual(writeConcernFor('mongodb://a,b,c/x?replicaSet=rs0&w=2'), { journal: true });
    assert.deepEqual(writeConcernFor('mongodb://h/x?journal=false&w=1'), {});
  });

  describe('on the test database server', () => {
    const tdb = useTestDatabase('wconcern');
    it('is accepted by it (FerretDB acknowledges and ignores it)', async () => {
      const c = tdb().conn.db!.collection('wc');
      await c.insertOne({ _id: 'x' } as never, { writeConcern: { w: 'majority', journal: true } });
      assert.equal(await c.countDocuments(), 1);
    });
  });
});
