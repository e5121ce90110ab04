// The pure plan of a page: every classifier fixture, under every unmatched policy, planned as one page; the
// decisions are read straight from the plan value (no database, no mailbox).
import assert from 'node:assert/strict';
import { compileBlocklist } from '../../../server/domain/blocklist.js';
import { classifyMessage } from '../../../server/domain/classifier.js';
import { buildDirectory } from '../../../server/domain/directory.js';
import { UNMATCHED_ACTIONS } from '../../../shared/loggingVocabulary.js';
import { planPage, type PlanScope } from '../../../server/jobs/pagePlan.js';
import { loadClassifierFixtures } from '../domain/classifierFixtures.js';

const FOLDERS = { archive: 'ARCHIVE-ID', quarantine: 'QUARANTINE-ID', unmatched: 'UNMATCHED-ID' };

function scopeFor(f: ReturnType<typeof loadClassifierFixtures>[number], unmatched: string): PlanScope {
  return {
    mailbox: 'log@interlog.example',
    jobUser: 'job@interlog.example',
    directory: buildDirectory(f.directory),
    blocklist: compileBlocklist(f.policy.blocklist ?? []),
    sensitiveMail: f.policy.sensitiveMail ?? 'metadata',
    emailTemplate: null,
    policy: {
      unmatched: unmatched as PlanScope['policy']['unmatched'],
      unmatchedFolder: 'Unmatched',
      quarantineFolder: 'Interlog quarantine',
      archiveFolder: 'archive',
    },
    folders: { ...FOLDERS, unmatched: unmatched === 'move' ? FOLDERS.unmatched : null },
  };
}

describe('planPage (pure page plan)', () => {
  const fixtures = loadClassifierFixtures();

  for (const unmatched of UNMATCHED_ACTIONS) {
    it(`plans every fixture under unmatched=${unmatched} as the classifier and policy decide`, () => {
      for (const f of fixtures) {
        const scope = scopeFor(f, unmatched);
        const before = structuredClone(f.message);
        const plan = planPage(scope, [f.message]);
        assert.deepEqual(f.message, before, `${f.file}: the plan changed its input`);
        assert.deepEqual(planPage(scope, [f.message]), plan, `${f.file}: not deterministic`);
        const c = classifyMessage(f.message, scope.directory, {
          blocklist: scope.blocklist,
          sensitiveMail: scope.sensitiveMail,
        });
        const [p] = plan.messages;
        assert.equal(plan.messages.length, 1);
        if (c.kind === 'log') {
          assert.equal(p!.kind, 'log', f.file);
          assert.deepEqual(p!.operation, { kind: 'move', id: f.message.id, destination: 'ARCHIVE-ID' });
          assert.equal(plan.intents.length, 1);
          const entries = plan.intents[0]!.entries;
          assert.deepEqual(
            entries.map((e) => [e.contactNumber, e.salespersonCode, e.direction, e.description]),
            c.drafts.map((d) => [d.contactNumber, d.salespersonCode, d.direction, d.description]),
            f.file,
          );
          for (const e of entries) {
            assert.equal(e.source, 'loop');
            assert.equal(e.createdBy, 'job@interlog.example');
            assert.equal(e.message.mailbox, 'log@interlog.example');
            assert.equal(e.message.immutableId, f.message.id);
          }
          continue;
        }
        assert.equal(plan.intents.length, 0, `${f.file}: only logged mail has intents`);
        if (c.kind === 'poison') {
          assert.deepEqual(p, {
            kind: 'quarantine',
            msg: f.message,
            operation: { kind: 'move', id: f.message.id, destination: 'QUARANTINE-ID' },
            code: c.code,
            reason: c.reason,
          });
          continue;
        }
        assert.equal(p!.kind, 'unlogged', f.file);
        if (p!.kind !== 'unlogged') continue;
        const action = c.reason === 'draft' ? 'keep' : unmatched;
        const expectedOp =
          action === 'delete'
            ? { kind: 'delete', id: f.message.id }
            : action === 'move'
              ? { kind: 'move', id: f.message.id, destination: 'UNMATCHED-ID' }
              : null;
        assert.deepEqual(p!.operation, expectedOp, f.file);
        const counter = { delete: 'deleted', move: 'moved', keep: 'kept' }[action];
        assert.deepEqual(p!.counts, [...(c.reason === 'blocked' ? ['blocked'] : []), counter], f.file);
        assert.equal(
          p!.rememberKept,
          action === 'keep' && !['draft', 'blocked', 'sensitive'].includes(c.reason),
          `${f.file}: kept mail is remembered unless no directory change can make it loggable`,
        );
      }
    });
  }

  it('plans a page of many messages in order, one intent per logged message', () => {
    const scope = scopeFor(fixtures[0]!, 'delete');
    const messages = fixtures
      .filter((f) => JSON.stringify(f.directory) === JSON.stringify(fixtures[0]!.directory))
      .map((f, i) => ({ ...f.message, id: `m${i}` }));
    const plan = planPage(scope, messages);
    assert.deepEqual(
      plan.messages.map((p) => p.msg.id),
      messages.map((m) => m.id),
    );
    assert.deepEqual(
      plan.intents.map((i) => i.messageId),
      plan.messages.filter((p) => p.kind === 'log').map((p) => p.msg.id),
    );
    assert.ok(plan.intents.length > 0 && plan.intents.length < messages.length);
  });
});
