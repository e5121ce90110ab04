// The contract's numeric limits, in a module without zod: the pane's first-render code reads them without
// carrying the schemas (which it loads in a chunk of their own: addin/api/contractLoader.ts).

/** Addresses one lookup may ask about. */
export const LOOKUP_MAX_ADDRESSES = 50;
/** Newest entries the lookup answers per contact. */
export const RECENT_INTERACTIONS_PER_CONTACT = 5;
/** A page of a contact's history when the client asks for no other size. */
export const INTERACTION_PAGE_DEFAULT_LIMIT = 20;
