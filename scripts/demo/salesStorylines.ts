// The selling side of the demo's customer mail (see storylines.ts for the format): requests for quotation that
// end in an order confirmation, quotes followed up, price talks, meetings, renewals and announcements.
import type { Storyline } from './storylines.js';

export const SALES_STORYLINES: readonly Storyline[] = [
  {
    id: 'rfq',
    kind: 'customer',
    minSteps: 2,
    weight: 3,
    steps: [
      {
        by: 'them',
        subject: [
          'Request for quotation: {qty} {product}',
          'RFQ {product}, {qty} pcs',
          'Price request: {product}',
        ],
        body: [
          'Could you send us a quote for {qty} {product}, delivered to our {site} site?',
          'We need {qty} {product} for a project starting next month. What are your price and lead time?',
        ],
      },
      {
        by: 'us',
        body: [
          'Thank you for your request. Our quote {quote} is attached: {qty} {product}, delivery {weeks} weeks after order.',
          'Please find quote {quote} attached. The price is valid for 30 days; lead time is {weeks} weeks.',
        ],
      },
      {
        by: 'them',
        body: [
          'Thanks. Is freight to {site} included, and can you do better than {weeks} weeks?',
          'Looks good. Can you confirm the price holds if we split the delivery in two?',
          'Could you add 10 {product2} to the quote?',
        ],
      },
      {
        by: 'us',
        body: [
          'Freight is included above 5,000 EUR, and we can ship the first half from stock on {day}.',
          'Yes, that works. Updated quote {quote} attached.',
        ],
      },
      {
        by: 'them',
        body: [
          'Good, please go ahead. Our PO {po} follows.',
          'We accept quote {quote}. PO {po} is attached.',
        ],
      },
      {
        by: 'us',
        subject: ['Order confirmation {order} (your PO {po})', 'Order {order} confirmed'],
        body: [
          'We confirm your order {order}: {qty} {product}, delivery within {weeks} weeks to {site}.',
          'Thank you for your order. Confirmation {order} is attached; you will get tracking when it ships.',
        ],
      },
    ],
  },
  {
    id: 'quote-follow-up',
    kind: 'customer',
    minSteps: 1,
    weight: 2,
    steps: [
      {
        by: 'us',
        paired: true,
        subject: ['Quote {quote}: {qty} {product}', 'Our offer for {product}'],
        body: [
          'As promised on the phone, our offer for {qty} {product} is attached ({quote}).',
          'Following our meeting, here is our offer {quote}. Happy to go through it on a call.',
        ],
      },
      {
        by: 'them',
        body: [
          'Thanks, we are comparing offers and will come back to you by {day}.',
          'Received. Our technical team reviews it this week.',
        ],
      },
      {
        by: 'us',
        body: [
          'Any news on quote {quote}? I can hold the price until the end of the month.',
          'Just checking in: do you need anything else from us to decide?',
        ],
      },
    ],
  },
  {
    id: 'negotiation',
    kind: 'customer',
    minSteps: 2,
    steps: [
      {
        by: 'them',
        paired: true,
        subject: ['Prices {nextYear}', 'Price increase on {product}?', 'Discount for {qty} {product}'],
        body: [
          'We received your price list for {nextYear}. Several increases are hard for us to accept.',
          'Your new price list raises the {product} by 9%. Is that final?',
          'For {qty} {product} a year we expect a better price than the list price.',
        ],
      },
      {
        by: 'us',
        body: [
          'I understand. With a yearly volume of {qty} we can keep this year’s price.',
          'Let me see what I can do. Can you confirm the yearly volume?',
        ],
      },
      {
        by: 'them',
        body: ['Another supplier offers {pct}% less.', 'Yes, {qty} a year, delivered quarterly.'],
      },
      {
        by: 'us',
        body: [
          'The best I can do is {pct}% off within a framework agreement.',
          'We can offer {pct}% with quarterly call-offs. Offer attached.',
        ],
      },
      { by: 'them', body: ['Agreed. Please send the updated agreement.', 'Fine, we accept.'] },
    ],
  },
  {
    id: 'meeting',
    kind: 'customer',
    minSteps: 2,
    steps: [
      {
        by: 'us',
        paired: true,
        subject: ['Meeting next week?', 'Visit at {company} on {day}', 'Call about your {nextYear} forecast'],
        body: [
          'Would {day} at {time} suit you for a short meeting about your needs for {nextYear}?',
          'I am near {site} on {day}. Could I drop by at {time}?',
          'Could we have a 30-minute call on {day} about your volumes for {nextYear}?',
        ],
      },
      {
        by: 'them',
        body: ['{day} at {time} works for me.', 'Can we make it {day2} instead? Same time.'],
      },
      {
        by: 'us',
        body: ['Perfect, I have sent a calendar invitation.', 'Great, talk to you then.'],
      },
    ],
  },
  {
    id: 'renewal',
    kind: 'customer',
    minSteps: 1,
    steps: [
      {
        by: 'us',
        paired: true,
        subject: ['Renewal of your service agreement {nextYear}', 'Framework agreement {nextYear}'],
        body: [
          'Your service agreement ends on 31 December. Attached is the renewal with the same terms.',
          'Time to renew: the draft framework agreement for {nextYear} is attached, with {pct}% on {product}.',
        ],
      },
      {
        by: 'them',
        body: ['Can we add the {product2} to the agreement?', 'Our purchasing manager reviews it on {day}.'],
      },
      {
        by: 'us',
        body: ['Yes, the updated version is attached.', 'Of course. Let me know if you have questions.'],
      },
      { by: 'them', body: ['Signed copy attached.', 'We have signed, thank you.'] },
    ],
  },
  {
    id: 'announcement',
    kind: 'customer',
    minSteps: 1,
    steps: [
      {
        by: 'us',
        paired: true,
        subject: ['Price list {nextYear}', 'New catalogue {nextYear}', 'Invitation: Contoso at {fair}'],
        body: [
          'Attached is our price list for {nextYear}. The new prices apply from 1 January.',
          'Our new catalogue is attached, with the {product} range extended.',
          'You are welcome at our stand at {fair}. Let me know which day suits you.',
        ],
      },
      {
        by: 'them',
        paired: true,
        body: [
          'Thanks, received.',
          'Thanks! Could you send us two printed copies?',
          'We will come by on {day}.',
        ],
      },
    ],
  },
];
