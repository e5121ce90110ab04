// The demo's made-up mail: deterministic, varied, in working hours, threads that hang together, and a share the
// loop must not log (checked with the loop's own classifier, not the generator's word for it).
import assert from 'node:assert/strict';
import {
  asMailMessage,
  DEMO_INBOX_SIZE,
  demoMailStream,
  isLoggable,
  splitDemoWeek,
  type DemoMail,
} from '../../../scripts/demo/conversations.js';
import { DEMO_PERSONS, DEMO_SALESPEOPLE } from '../../../scripts/demo/people.js';
import { STORYLINES, STRANGERS } from '../../../scripts/demo/storylines.js';
import { classifyMessage } from '../../../server/domain/classifier.js';
import { buildDirectory } from '../../../server/domain/directory.js';

const DAY_MS = 86_400_000;
const WEDNESDAY = new Date('2026-03-11T10:15:00Z');
const week = demoMailStream({ now: WEDNESDAY }).week;
const loggable = week.filter(isLoggable);
const addressesOf = (m: DemoMail) => [m.from, ...m.to, ...m.cc].map((p) => p.address);

/** Monday to Friday, 07:00-15:30 UTC: written out here rather than taken from workingTime.ts. */
function inOfficeHours(d: Date): boolean {
  const minutes = d.getUTCHours() * 60 + d.getUTCMinutes() + d.getUTCSeconds() / 60;
  return d.getUTCDay() >= 1 && d.getUTCDay() <= 5 && minutes >= 7 * 60 && minutes <= 15 * 60 + 30;
}

describe('demo mail generator (scripts/demo/conversations.ts)', () => {
  it('gives the same mail for the same seed and clock, other mail for another seed', () => {
    assert.deepEqual(demoMailStream({ now: WEDNESDAY }).week, week);
    const other = demoMailStream({ now: WEDNESDAY, seed: 2 }).week;
    assert.notDeepEqual(
      other.map((m) => m.subject),
      week.map((m) => m.subject),
    );
    // The clock moves the mail in time; what is said, and in which order, stays.
    const later = demoMailStream({ now: new Date(WEDNESDAY.getTime() + 5 * DAY_MS) }).week;
    assert.deepEqual(
      later.map((m) => m.subject),
      week.map((m) => m.subject),
    );
  });

  it('holds a sales team’s week: many conversations, both directions, every salesperson and contact', () => {
    assert.ok(week.length >= 80 && week.length <= 250, `${week.length} messages`);
    const topics = new Set(loggable.map((m) => m.topic));
    assert.ok(topics.size >= 30, `${topics.size} distinct thread subjects`);
    const inbound = loggable.filter((m) => m.kind === 'inbound').length;
    const outbound = loggable.filter((m) => m.kind === 'outbound').length;
    assert.ok(
      inbound >= loggable.length / 4 && outbound >= loggable.length / 4,
      `${inbound} in, ${outbound} out`,
    );
    for (const sp of DEMO_SALESPEOPLE) {
      assert.ok(
        loggable.some((m) => addressesOf(m).includes(sp.email)),
        `${sp.name} has customer mail`,
      );
    }
    for (const person of DEMO_PERSONS) {
      const theirs = loggable.filter((m) => addressesOf(m).includes(person.email));
      assert.ok(new Set(theirs.map((m) => m.topic)).size >= 5, `${person.name}: several conversations`);
      assert.ok(
        theirs.some((m) => m.from.address === person.email),
        `${person.name} writes`,
      );
      assert.ok(
        theirs.some((m) => m.to.some((p) => p.address === person.email)),
        `${person.name} is written to`,
      );
    }
    assert.ok(
      loggable.some((m) => m.cc.length > 0),
      'some mail has a second contact or salesperson in copy',
    );
    const bodies = new Set(week.map((m) => m.body));
    assert.ok(bodies.size >= week.length * 0.8, `${bodies.size} different bodies`);
  });

  for (const now of [
    WEDNESDAY,
    new Date('2026-03-16T06:00:00Z'), // Monday before working hours
    new Date('2026-03-14T23:00:00Z'), // Saturday night
    new Date('2026-03-16T07:00:30Z'), // Monday, half a minute into the day
  ]) {
    it(`dates all mail in working hours of the last five working days, oldest first (now ${now.toISOString()})`, () => {
      const mail = demoMailStream({ now }).week;
      const days = new Set<string>();
      mail.forEach((m, i) => {
        assert.ok(
          inOfficeHours(m.sentAt) && inOfficeHours(m.receivedAt),
          `${m.subject}: ${m.sentAt.toISOString()}`,
        );
        assert.ok(m.sentAt < m.receivedAt && m.receivedAt < now, m.subject);
        assert.ok(
          now.getTime() - m.sentAt.getTime() <= 7 * DAY_MS,
          `${m.sentAt.toISOString()} is within a week`,
        );
        if (i > 0) assert.ok(mail[i - 1]!.sentAt <= m.sentAt, 'oldest first');
        days.add(m.sentAt.toISOString().slice(0, 10));
      });
      assert.ok(days.size >= 5, `spread over ${[...days].join(', ')}`);
    });
  }

  it('replies stay in their conversation, with "RE:" or "SV:", after the message that started it', () => {
    const first = new Map<string, DemoMail>();
    const prefixes = new Set<string>();
    for (const m of week) {
      const start = first.get(m.conversationId);
      if (!m.isReply) {
        assert.equal(start, undefined, `${m.subject} starts a conversation of its own`);
        assert.equal(m.subject, m.topic);
        first.set(m.conversationId, m);
        continue;
      }
      assert.ok(start, `${m.subject} answers a conversation started earlier`);
      assert.equal(m.topic, start.topic);
      assert.ok(m.sentAt > start.receivedAt, `${m.subject} comes after its start`);
      const match = /^(RE|SV): (.*)$/.exec(m.subject);
      assert.ok(match && match[2] === start.topic, m.subject);
      prefixes.add(match[1]!);
      // Between the same people (either way round).
      assert.deepEqual(
        [m.from.address, m.to[0]!.address].sort(),
        [start.from.address, start.to[0]!.address].sort(),
      );
    }
    assert.deepEqual([...prefixes].sort(), ['RE', 'SV']);
    // A quote that becomes an order is confirmed under a subject (a conversation) of its own.
    assert.ok(week.some((m) => !m.isReply && /^Order .*(confirm)/i.test(m.subject)));
    assert.ok(week.filter((m) => m.isReply).length >= week.length / 3, 'many replies');
  });

  it('has a share of mail the loop must not log (strangers, salespeople among themselves), as its classifier says', () => {
    const directory = buildDirectory({
      salespeople: DEMO_SALESPEOPLE,
      contacts: DEMO_PERSONS.map((p, i) => ({
        number: `CT${i}`,
        kind: 'person' as const,
        name: p.name,
        companyNumber: null,
        email: p.email,
        alternateEmails: [],
        privacyBlocked: false,
        salespersonCode: p.ownerCode,
      })),
    });
    const reasons = new Set<string>();
    for (const m of week) {
      const c = classifyMessage(asMailMessage(m), directory);
      assert.equal(c.kind === 'log', isLoggable(m), `${m.kind}: ${m.subject}`);
      if (c.kind === 'skip') reasons.add(c.reason);
    }
    assert.deepEqual([...reasons].sort(), ['internal_only', 'no_match']);
    const share = (week.length - loggable.length) / week.length;
    assert.ok(share >= 0.1 && share <= 0.35, `${Math.round(share * 100)}% not to be logged`);
  });

  it('keeps message ids unique: within a stream, in what arrives later, and between demo starts', () => {
    const stream = demoMailStream({ now: WEDNESDAY });
    const arrived = Array.from({ length: 60 }, (_, i) =>
      stream.next(new Date(WEDNESDAY.getTime() + i * 45_000)),
    );
    const ids = [...stream.week, ...arrived].map((m) => m.internetMessageId);
    assert.equal(new Set(ids).size, ids.length);
    const restart = demoMailStream({ now: new Date(WEDNESDAY.getTime() + 60_000) }).week;
    assert.equal(restart.filter((m) => ids.includes(m.internetMessageId)).length, 0);
  });

  it('goes on with replies in open threads and new threads, dated when they arrive', () => {
    const stream = demoMailStream({ now: WEDNESDAY });
    const known = new Set(stream.week.map((m) => m.conversationId));
    let replies = 0;
    let fresh = 0;
    const subjects = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const at = new Date(WEDNESDAY.getTime() + (i + 1) * 45_000);
      const m = stream.next(at);
      assert.equal(m.receivedAt.getTime(), at.getTime());
      assert.ok(m.sentAt < at);
      if (m.isReply) {
        assert.ok(known.has(m.conversationId), `${m.subject} answers an earlier thread`);
        replies++;
      } else fresh++;
      known.add(m.conversationId);
      subjects.add(m.subject);
    }
    assert.ok(replies >= 10 && fresh >= 10, `${replies} replies, ${fresh} new threads`);
    assert.ok(subjects.size >= 30, `${subjects.size} different subjects in 40 arrivals`);
  });

  it('leaves the newest mail for the Inbox; older logged mail is history, older mail not to be logged is gone', () => {
    const { history, inbox } = splitDemoWeek(week);
    assert.deepEqual(inbox, week.slice(-DEMO_INBOX_SIZE));
    assert.deepEqual(history, week.slice(0, -DEMO_INBOX_SIZE).filter(isLoggable));
    // The first run shows the loop's rules: mail to log, and mail from strangers and among salespeople.
    assert.ok(inbox.some((m) => m.kind === 'internal') && inbox.some((m) => m.kind === 'unknown'));
    assert.ok(inbox.some(isLoggable));
    assert.ok(history.length >= 60, `${history.length} messages of history`);
  });

  it('pairs each paired body with the opening it answers, and each stranger with its opening', () => {
    for (const story of STORYLINES) {
      const openings = story.steps[0]!.subject!.length;
      for (const step of story.steps.filter((s) => s.paired))
        assert.equal(step.body.length, openings, story.id);
      assert.ok(story.minSteps >= 1 && story.minSteps <= story.steps.length, story.id);
    }
    const stranger = STORYLINES.find((s) => s.kind === 'unknown')!;
    assert.equal(STRANGERS.length, stranger.steps[0]!.subject!.length);
    // Every template's variables get values, whichever seed (fill throws on one without).
    for (const seed of [1, 2, 3, 4, 5]) {
      const stream = demoMailStream({ now: WEDNESDAY, seed });
      const arrived = Array.from({ length: 50 }, () => stream.next(WEDNESDAY));
      assert.ok([...stream.week, ...arrived].every((m) => !/[{}]/.test(m.subject + m.body)));
    }
  });
});
