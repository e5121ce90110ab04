// The /api/v1 contract between the Outlook add-in and the server: zod schemas and their inferred types.
// No Node, DOM or Office imports: both the browser bundle and the server import this folder.
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
