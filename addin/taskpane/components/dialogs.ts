// The pane's dialogs, one chunk loaded on demand (state/dialogHost.tsx): their forms pull in Fluent's Dialog,
// Field, Input, Select, Radio and motion code that the first render, the history of the mail's contact, never
// shows. Import this module only dynamically, or as a type: a static import puts it back into taskpane.js.
// Their forms check requests with zod: its CSP-safe settings first (as the contract chunk does).
import '../../zodConfig.js';
export { AddContactDialog } from './AddContactDialog.js';
export { CreateOpportunityDialog } from './CreateOpportunityDialog.js';
export { LinkOpportunityDialog } from './LinkOpportunityDialog.js';
export { OpenMailDialog } from './OpenMailDialog.js';
export { ViewMailDialog } from './ViewMailDialog.js';
