// The after-sales side of the demo's customer mail (see storylines.ts for the format): deliveries, samples,
// complaints, technical questions and invoices.
import type { Storyline } from './storylines.js';

export const SERVICE_STORYLINES: readonly Storyline[] = [
  {
    id: 'delivery',
    kind: 'customer',
    minSteps: 2,
    weight: 2,
    steps: [
      {
        by: 'them',
        paired: true,
        subject: ['Delivery date for order {order}?', 'Status of PO {po}', 'Delivery window next week?'],
        body: [
          'When can we expect order {order}? Our line stops on {day} without the {product}.',
          'We have not heard anything about PO {po} yet. Is it on schedule?',
          'Can you deliver the {product} between {day} and Friday? Our warehouse is closed on Monday.',
        ],
      },
      {
        by: 'us',
        body: [
          'It leaves our warehouse on {day}; tracking follows by mail.',
          'I checked with logistics: the {product} arrive on {day} before noon.',
        ],
      },
      { by: 'them', body: ['Great, thank you.', 'Perfect, I have told the warehouse.'] },
    ],
  },
  {
    id: 'samples',
    kind: 'customer',
    minSteps: 1,
    steps: [
      {
        by: 'us',
        paired: true,
        subject: ['Samples of {product} are on their way', 'Samples for your test line'],
        body: [
          'We sent three samples of {product} today. They should arrive on {day}.',
          'As agreed, samples of {product} left us this morning. Datasheets are attached.',
        ],
      },
      {
        by: 'them',
        body: ['Received today. Our lab starts testing on {day}.', 'The samples arrived, thank you.'],
      },
      {
        by: 'us',
        body: [
          'Let me know the results. I can join a call on {day} at {time}.',
          'Good to hear. Any questions?',
        ],
      },
      {
        by: 'them',
        body: [
          'Test results attached: all within spec.',
          'The {product} failed our test at 12 bar. Do you have a stronger type?',
        ],
      },
    ],
  },
  {
    id: 'complaint',
    kind: 'customer',
    minSteps: 2,
    steps: [
      {
        by: 'them',
        paired: true,
        subject: ['Damaged goods in delivery {order}', 'Wrong item in shipment {order}', '{product} leaking'],
        body: [
          'Two of the {product} arrived damaged. Photos attached. How do we proceed?',
          'We received {product2} instead of {product} with order {order}.',
          'Several {product} started leaking a week after installation. We need help fast.',
        ],
      },
      {
        by: 'us',
        paired: true,
        body: [
          'I am sorry about that. A replacement leaves on {day}, and you will get a credit note.',
          'Sorry for the mix-up. The right items leave on {day}; our carrier picks up the others.',
          'Sorry for the trouble. Our service technician can be with you on {day}.',
        ],
      },
      { by: 'them', body: ['Thank you for the quick help.', 'Works for us, thanks.'] },
      { by: 'us', body: ['All sorted on our side. Please let me know if anything else is wrong.'] },
    ],
  },
  {
    id: 'technical',
    kind: 'customer',
    minSteps: 2,
    steps: [
      {
        by: 'them',
        paired: true,
        subject: ['Datasheet for {product}', 'Installation question: {product}', 'Spare parts for {product}'],
        body: [
          'Do you have a datasheet for the {product}, with pressure ratings?',
          'Our fitters ask which torque to use when mounting the {product}.',
          'Which spare parts should we keep in stock for {qty} {product}?',
        ],
      },
      {
        by: 'us',
        paired: true,
        body: [
          'Attached are the datasheet and the installation guide.',
          'The installation guide answers it on page 4; I have attached it. Call me if anything is unclear.',
          'I recommend a set of {product2} per ten units. List attached.',
        ],
      },
      { by: 'them', body: ['Thanks, that answers it.', 'Thanks. Could you quote that too?'] },
    ],
  },
  {
    id: 'invoice',
    kind: 'customer',
    minSteps: 2,
    steps: [
      {
        by: 'them',
        paired: true,
        subject: ['Invoice {invoice}: quantity', 'Question about invoice {invoice}'],
        body: [
          'Invoice {invoice} lists {qty} {product}, but we received fewer. Can you check?',
          'Invoice {invoice} has no reference to our PO {po}. Could you send a corrected one?',
        ],
      },
      {
        by: 'us',
        paired: true,
        body: ['You are right; a credit note follows today.', 'The corrected invoice is attached.'],
      },
    ],
  },
];
