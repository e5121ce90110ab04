// The two direction glyphs the history needs, drawn inline (no icon package for two arrows). Decorative: the
// entry's text says the direction for screen readers.

const common = {
  width: 16,
  height: 16,
  viewBox: '0 0 16 16',
  'aria-hidden': true,
  focusable: false,
} as const;

/** Received: an arrow coming in, down-left. */
export function InboundIcon() {
  return (
    <svg {...common}>
      <path
        d="M12.5 3.5 4.5 11.5M4.5 5.5v6h6"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/** Sent: an arrow going out, up-right. */
export function OutboundIcon() {
  return (
    <svg {...common}>
      <path
        d="M3.5 12.5 11.5 4.5M5.5 4.5h6v6"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function MoreIcon() {
  return (
    <svg {...common}>
      <circle cx="3.5" cy="8" r="1.25" fill="currentColor" />
      <circle cx="8" cy="8" r="1.25" fill="currentColor" />
      <circle cx="12.5" cy="8" r="1.25" fill="currentColor" />
    </svg>
  );
}
