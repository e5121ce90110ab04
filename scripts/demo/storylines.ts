// What the demo's mail is about: the threads of a B2B sales team's week, as templates conversations.ts fills in
// ({name} is a variable of StoryVars). A step with a subject starts a conversation (or a new one, as an order
// confirmation does after a quote); a step without one replies in the current conversation. Alternatives are
// picked by the seeded generator, so one storyline gives many different subjects and bodies. The customer
// storylines are in salesStorylines.ts and serviceStorylines.ts; mail that must not be logged is here.
import { SALES_STORYLINES } from './salesStorylines.js';
import { SERVICE_STORYLINES } from './serviceStorylines.js';

export type StoryKind = 'customer' | 'internal' | 'unknown';

export interface StoryStep {
  /** customer: them = the contact, us = the salesperson; internal: them = the colleague; unknown: them = a stranger. */
  by: 'us' | 'them';
  subject?: readonly string[];
  body: readonly string[];
  /**
   * The body is the one at the place of the subject the thread opened with (the opening's alternatives and these
   * bodies go together: a reply to a complaint about damage talks about damage).
   */
  paired?: true;
}

export interface Storyline {
  id: string;
  kind: StoryKind;
  /** The thread ends somewhere between this many steps and all of them. */
  minSteps: number;
  /** How much more often than others (default 1) a thread follows it: quotes and orders are most of the mail. */
  weight?: number;
  steps: readonly StoryStep[];
}

export interface StoryVars {
  [name: string]: string;
}

/**
 * Senders the directory does not know, whose mail must not be logged (the unmatched policy deals with it); each
 * writes the stranger storyline's opening of the same place. A team is a shared address (no one to greet by name).
 */
export const STRANGERS = [
  { name: 'Litware Events', email: 'events@litware.example', team: true },
  { name: 'Morgan Blake', email: 'morgan.blake@northwind.example', team: false },
  { name: 'Wingtip Freight', email: 'bookings@wingtiptoys.example', team: true },
  { name: 'Priya Raman', email: 'priya.raman@proseware.example', team: false },
  { name: 'Tailspin Recruiting', email: 'jobs@tailspintoys.example', team: true },
  { name: 'Alex Kim', email: 'alex.kim@wideworldimporters.example', team: false },
] as const;

export const PRODUCTS = [
  'ball valves DN50',
  'centrifugal pumps',
  'pressure sensors',
  'filter cartridges',
  'stainless fittings',
  'hydraulic hoses',
  'gasket kits',
  'flow meters',
  'control cabinets',
  'spare seals',
  'conveyor belts',
  'pallet racks',
  'cable trays',
  'safety valves',
] as const;
export const QUANTITIES = [10, 12, 20, 24, 25, 40, 50, 60, 80, 100, 120, 200, 250, 500] as const;
export const SITES = ['Aarhus', 'Odense', 'Kolding', 'Malmö', 'Hamburg', 'Vejle'] as const;
export const FAIRS = ['Hannover Messe', 'Elmia Subcontractor', 'FoodTech', 'Scanpack'] as const;
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const;
export const TIMES = ['9:00', '10:30', '11:00', '13:00', '14:30', '15:00'] as const;

/** Mail between salespeople only: not logged (Business Central's rule), whatever customer it is about. */
const INTERNAL: Storyline = {
  id: 'internal',
  kind: 'internal',
  minSteps: 1,
  steps: [
    {
      by: 'us',
      paired: true,
      subject: [
        'Lunch on {day}?',
        'Handover: {company} while I am away',
        'Pipeline review on {day}',
        'Pricing approval: {company}, {pct}% on {product}',
        'FW: {customerTopic}',
      ],
      body: [
        'Shall we try the new place by the harbour? 12:00?',
        'Could you look after {contact} at {company} while I am away? Notes are in the CRM.',
        'Shall we go through the open quotes on {day} at {time}?',
        '{company} asks for {pct}% on {qty} {product}. OK with you?',
        'Can you take this one? {contact} at {company} needs an answer by {day}.',
      ],
    },
    {
      by: 'them',
      paired: true,
      body: [
        'Yes, 12:00 works.',
        'Sure, no problem. Enjoy the holiday.',
        'Yes, {time} works.',
        'Approved.',
        'I will call {contact} today.',
      ],
    },
  ],
};

/** Mail from and to senders the directory does not know. */
const STRANGER: Storyline = {
  id: 'stranger',
  kind: 'unknown',
  minSteps: 1,
  steps: [
    {
      by: 'them',
      paired: true,
      subject: [
        'Webinar: predictive maintenance in 30 minutes',
        'Partnership proposal',
        'Your freight booking {order}',
        'Quick question about your supply chain',
        'Open positions in sales',
        'Introduction: Wide World Importers',
      ],
      body: [
        'Join our free webinar on {day} at {time}.',
        'We help distributors like Contoso cut costs by 20%. Do you have 15 minutes on {day}?',
        'Your booking is confirmed for pickup on {day} between 8 and 12.',
        'Who handles purchasing of {product} at Contoso?',
        'We have three candidates for your open sales position. CVs attached.',
        'I am new at Wide World Importers and would like to present our range of {product}.',
      ],
    },
    {
      by: 'us',
      paired: true,
      body: [
        'Please take me off your list.',
        'Thanks, not for now.',
        'Thanks. The goods will be ready at gate 3.',
        'That would be our purchasing department; I have passed your mail on.',
        'Thanks, I will look at them on {day}.',
        'Thanks, but we are happy with our current suppliers.',
      ],
    },
  ],
};

export const STORYLINES: readonly Storyline[] = [
  ...SALES_STORYLINES,
  ...SERVICE_STORYLINES,
  INTERNAL,
  STRANGER,
];
