// The demo's mail, made up: a seeded, pure generator of a B2B sales team's week (storylines.ts) between the demo's
// real people (people.ts). The same seed and clock give the same mail, so tests can assert on it; nothing is read
// or written. seed.ts logs the week's mail as history, mailbox.ts puts its newest messages in the demo Inbox and
// keeps the stream going (replies to open threads, new threads) while the demo runs.
import type { MailMessage } from '../../server/mailsource/MailSource.js';
import { createPrng, type Prng } from '../graph-emulator/prng.js';
import { DEMO_PERSONS, DEMO_SALESPEOPLE } from './people.js';
import {
  FAIRS,
  PRODUCTS,
  QUANTITIES,
  SITES,
  STORYLINES,
  STRANGERS,
  TIMES,
  WEEKDAYS,
  type Storyline,
  type StoryVars,
} from './storylines.js';
import { atWorkingSecondsBefore, WEEK_WORKING_SECONDS } from './workingTime.js';

export const DEMO_SEED = 16;
/** The newest messages of the week: not dealt with yet when the demo starts, so the loop has work at once. */
export const DEMO_INBOX_SIZE = 20;

export interface DemoParty {
  name: string;
  address: string;
}

/** inbound / outbound: between a contact and a salesperson (logged); internal and unknown mail is not logged. */
export type DemoMailKind = 'inbound' | 'outbound' | 'internal' | 'unknown';

export interface DemoMail {
  internetMessageId: string;
  conversationId: string;
  subject: string;
  /** The subject that started the conversation (a reply's subject is it with "RE:"/"SV:" in front). */
  topic: string;
  isReply: boolean;
  kind: DemoMailKind;
  from: DemoParty;
  to: DemoParty[];
  cc: DemoParty[];
  sentAt: Date;
  receivedAt: Date;
  body: string;
}

export interface DemoMailStream {
  /** The last five working days' mail, oldest first. */
  readonly week: readonly DemoMail[];
  /** The next message, arriving at `at`: a reply in an open thread or a new thread. */
  next(at: Date): DemoMail;
}

// Threads in the week; a customer thread has 1-6 messages, so the week holds about 150 messages.
const THREADS = { customer: 42, internal: 8, unknown: 9 } as const;
const MINUTE = 60;

interface Thread {
  story: Storyline;
  /** Steps this thread gets (the conversation may stop early, as many do). */
  length: number;
  step: number;
  vars: StoryVars;
  us: DemoParty;
  them: DemoParty;
  cc: DemoParty[];
  /** "RE:" or "SV:", as the other side's Outlook writes it. */
  theirPrefix: string;
  conversationId: string;
  topic: string;
  /** The opening's alternative, chosen when the thread is made: colleagues may forward it before it is sent. */
  opening: number;
  /** Internal mail is about one of the customer threads. */
  about: Thread | null;
  /** Working seconds into the week of the next step (week), or the arrival number it is due at (stream). */
  due: number;
}

const partyOf = (p: { name: string; email: string }): DemoParty => ({
  name: p.name,
  address: p.email,
});
const firstName = (p: DemoParty) => p.name.split(' ')[0]!;

export function demoMailStream(options: { now: Date; seed?: number }): DemoMailStream {
  const { now } = options;
  const random = createPrng(options.seed ?? DEMO_SEED);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  // Message ids are unique per message (the counter) and per demo start (the clock): the loop de-duplicates on them.
  const tag = now.getTime().toString(36);
  let sent = 0;
  const customerThreads: Thread[] = [];
  let personTurn = int(0, DEMO_PERSONS.length - 1);

  function newThread(kind: Storyline['kind']): Thread {
    const story = pick(
      STORYLINES.filter((s) => s.kind === kind).flatMap((s) =>
        Array.from({ length: s.weight ?? 1 }, () => s),
      ),
    );
    // Half the threads run their whole course (an RFQ ends in an order); the others stop somewhere on the way.
    const length = random() < 0.5 ? story.steps.length : int(story.minSteps, story.steps.length);
    const opening = int(0, story.steps[0]!.subject!.length - 1);
    const base = { story, length, opening, step: 0, due: 0, conversationId: conversationIdOf(random) };
    if (kind === 'customer') {
      // Every contact gets threads (they take turns); mostly with their own salesperson, as in real accounts.
      const person = DEMO_PERSONS[personTurn++ % DEMO_PERSONS.length]!;
      const owner = DEMO_SALESPEOPLE.find((s) => s.code === person.ownerCode)!;
      const salesperson = random() < 0.7 ? owner : pick(DEMO_SALESPEOPLE);
      const cc: DemoParty[] = [];
      const colleague = person.company.people.find((n) => n !== person.name);
      if (colleague && random() < 0.25) cc.push(partyOf(DEMO_PERSONS.find((p) => p.name === colleague)!));
      if (random() < 0.2) cc.push(partyOf(pick(DEMO_SALESPEOPLE.filter((s) => s !== salesperson))));
      const t: Thread = {
        ...base,
        us: partyOf(salesperson),
        them: partyOf(person),
        cc,
        theirPrefix: person.company.replyPrefix,
        topic: '',
        about: null,
        vars: varsFor(person.company.name, firstName(partyOf(person))),
      };
      t.topic = fill(story.steps[0]!.subject![opening]!, t.vars);
      customerThreads.push(t);
      return t;
    }
    const [a, b] = shuffled(DEMO_SALESPEOPLE, random);
    const us = partyOf(a!);
    // A stranger writes what the stranger storyline's opening of the same place says (a carrier, a recruiter...).
    const them = kind === 'internal' ? partyOf(b!) : partyOf(STRANGERS[opening % STRANGERS.length]!);
    // Colleagues talk about customers: a forward or a handover names a real customer thread.
    const about = pick(customerThreads);
    return { ...base, us, them, cc: [], theirPrefix: 'RE:', topic: '', about, vars: varsFor('', '') };
  }

  function varsFor(company: string, contact: string): StoryVars {
    const [product, product2] = shuffled(PRODUCTS, random);
    const [day, day2] = shuffled(WEEKDAYS, random);
    return {
      company,
      contact,
      product: product!,
      product2: product2!,
      qty: String(pick(QUANTITIES)),
      quote: `Q-${int(2100, 2999)}`,
      order: `SO-${int(10400, 10999)}`,
      po: String(int(450000, 459999)),
      invoice: `INV-${int(102000, 104999)}`,
      weeks: String(int(2, 6)),
      pct: String(pick([3, 4, 5, 6, 8, 10])),
      day: day!,
      day2: day2!,
      time: pick(TIMES),
      site: pick(SITES),
      fair: pick(FAIRS),
      nextYear: String(now.getUTCFullYear() + 1),
    };
  }

  /** The thread's next message; `sentAt` is when it was sent. */
  function write(t: Thread, sentAt: Date, receivedAt: Date): DemoMail {
    const step = t.story.steps[t.step++]!;
    if (t.about) {
      // Preferably a thread already going (not one whose first mail is yet to come).
      const going = customerThreads.filter((c) => c.step > 0);
      const about = going.length > 0 ? pick(going) : t.about;
      Object.assign(t.vars, {
        company: about.vars.company,
        contact: about.vars.contact,
        customerTopic: about.topic,
      });
      t.about = null;
    }
    const body = fill(step.paired ? step.body[t.opening]! : pick(step.body), t.vars);
    if (step.subject) {
      t.topic = fill(step.subject[t.step === 1 ? t.opening : int(0, step.subject.length - 1)]!, t.vars);
      if (t.step > 1) t.conversationId = conversationIdOf(random);
    }
    const ours = step.by === 'us';
    const from = ours ? t.us : t.them;
    const to = ours ? t.them : t.us;
    const kind: DemoMailKind = t.story.kind === 'customer' ? (ours ? 'outbound' : 'inbound') : t.story.kind;
    // Mail to a company's shared address (a carrier's bookings) greets no one by name.
    const greeting = STRANGERS.some((s) => s.email === to.address && s.team)
      ? 'Hello'
      : `${pick(['Hi', 'Hello', 'Dear', 'Hi'])} ${firstName(to)}`;
    const closing = pick(['Best regards', 'Kind regards', 'Thanks', 'Regards']);
    return {
      internetMessageId: `<${tag}.${String(++sent).padStart(4, '0')}@${from.address.split('@')[1]}>`,
      conversationId: t.conversationId,
      subject: step.subject ? t.topic : `${ours ? 'RE:' : t.theirPrefix} ${t.topic}`,
      topic: t.topic,
      isReply: !step.subject,
      kind,
      from,
      to: [to],
      cc: t.cc,
      sentAt,
      receivedAt,
      body: `${greeting},\n\n${body}\n\n${closing},\n${from.name}`,
    };
  }

  // The week: threads start anywhere in it, and each answer follows after a realistic pause (in working time).
  const threads = [
    ...Array.from({ length: THREADS.customer }, () => newThread('customer')),
    ...Array.from({ length: THREADS.internal }, () => newThread('internal')),
    ...Array.from({ length: THREADS.unknown }, () => newThread('unknown')),
  ];
  // The newest mail is at least two minutes old, so even its receipt lies before `now`.
  const last = WEEK_WORKING_SECONDS - 2 * MINUTE;
  const slots: { at: number; thread: Thread }[] = [];
  for (const t of threads) {
    let at = int(0, last);
    for (let step = 0; step < t.length; step++) {
      if (step > 0) at += pauseBefore(t.story.steps[step]!.by, t.story.kind, int);
      t.due = at; // Where the first step the week has no room for would be.
      if (at > last) break;
      slots.push({ at, thread: t });
    }
  }
  slots.sort((a, b) => a.at - b.at);
  // Written in time order, so ids grow with time and a forward can pick a thread already going.
  const week = slots.map(({ at, thread }) => {
    const sentAt = atWorkingSecondsBefore(now, WEEK_WORKING_SECONDS - at);
    return write(thread, sentAt, new Date(sentAt.getTime() + int(3, 90) * 1000));
  });

  // What the week left open continues first (in the order it would have come), between new threads.
  let arrivals = 0;
  const open = threads.filter((t) => t.step < t.length).sort((a, b) => a.due - b.due);
  open.forEach((t, i) => (t.due = 2 * i + 1));
  const next = (at: Date): DemoMail => {
    arrivals++;
    const ready = open.filter((t) => t.due <= arrivals).sort((a, b) => a.due - b.due);
    // Replies and new threads take turns; the more replies wait, the likelier one comes, so none waits forever.
    const due = random() < 0.3 + 0.1 * ready.length ? ready[0] : undefined;
    const r = random();
    const t = due ?? newThread(r < 0.74 ? 'customer' : r < 0.87 ? 'internal' : 'unknown');
    const mail = write(t, new Date(at.getTime() - int(3, 90) * 1000), at);
    if (due) open.splice(open.indexOf(due), 1);
    if (t.step < t.length) {
      t.due = arrivals + int(1, 5);
      open.push(t);
    }
    return mail;
  };
  return { week, next };
}

/** Mail between a contact and a salesperson: what the loop logs. */
export const isLoggable = (mail: DemoMail): boolean => mail.kind === 'inbound' || mail.kind === 'outbound';

/**
 * Which part of the week is already history when the demo starts, and which waits in the Inbox (the newest
 * messages). Older mail that must not be logged leaves no trace, as the unmatched policy (delete) would have it.
 */
export function splitDemoWeek(week: readonly DemoMail[]): { history: DemoMail[]; inbox: DemoMail[] } {
  const cut = Math.max(0, week.length - DEMO_INBOX_SIZE);
  return { history: week.slice(0, cut).filter(isLoggable), inbox: week.slice(cut) };
}

/** The message as a mail source hands it to the classifier (seed.ts logs the history with the loop's rules). */
export function asMailMessage(mail: DemoMail): MailMessage {
  const address = (p: DemoParty) => ({ address: p.address, name: p.name });
  return {
    id: mail.internetMessageId,
    internetMessageId: mail.internetMessageId,
    conversationId: mail.conversationId,
    isDraft: false,
    subject: mail.subject,
    sentDateTime: mail.sentAt.toISOString(),
    receivedDateTime: mail.receivedAt.toISOString(),
    webLink: null,
    sender: address(mail.from),
    from: address(mail.from),
    toRecipients: mail.to.map(address),
    ccRecipients: mail.cc.map(address),
    parentFolderId: null,
  };
}

/** Working seconds before a step: salespeople answer within hours, customers take up to two days. */
function pauseBefore(
  by: 'us' | 'them',
  kind: Storyline['kind'],
  int: (a: number, b: number) => number,
): number {
  if (kind === 'internal') return int(5, 90) * MINUTE;
  return by === 'us' ? int(15, 240) * MINUTE : int(30, 16 * 60) * MINUTE;
}

function fill(template: string, vars: StoryVars): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`storyline variable {${name}} has no value`);
    return value;
  });
}

function shuffled<T>(list: readonly T[], random: Prng): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Shaped like Exchange's conversation ids (base64 of a binary id). */
function conversationIdOf(random: Prng): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return 'AAQkADemo' + Array.from({ length: 24 }, () => chars[Math.floor(random() * 64)]).join('') + '=';
}
