// The /api/v1 contract between the Outlook add-in and the server: zod schemas and their inferred types.
// No Node, DOM or Office imports: both the browser bundle and the server import this folder.
// Written with zod/mini (functions such as `z.optional(x)` and `x.check(z.maxLength(n))` instead of classic
// zod's methods): the pane builds its answer schemas as it starts, and mini's schemas cost it half the time and
// a third of the bytes (bench/README.md). The server's own schemas are classic zod; both kinds nest in each
// other, and code that takes either is typed with `z.core.$ZodType` and parses with `z.safeParse(schema, x)`.
export * from './common.js';
export * from './problem.js';
export * from './config.js';
export * from './contacts.js';
export * from './interactions.js';
export * from './mailView.js';
export * from './messages.js';
export * from './opportunities.js';
export * from './lookup.js';
export * from './salespeople.js';
export * from './loggingSetup.js';
export * from './loggingConsent.js';
export * from './adminViews.js';
export * from './paneStart.js';
export * from './settings.js';
export * from './routes.js';
