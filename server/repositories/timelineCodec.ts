// How a timeline is stored: its lists as one BSON binary (`body`), opaque to the database.
//
// FerretDB keeps a document as jsonb and turns every value of it into BSON in Go on each read, so a timeline stored
// as nested lists (5 entries of ~20 fields, the open opportunities) cost it ~0.96 ms of CPU per read by _id on
// the lookup benchmark's data; the same bytes as one binary cost ~0.33 ms, and this process less too (measured:
// 6,000 reads, 16 at once, FerretDB 1.24 on PostgreSQL). The lookup's cache holds these bytes as they are
// (timelineCache.ts). MongoDB reads either shape alike; nothing ever queries inside a timeline.
//
// Timelines stored before (the lists as fields) are read as they are and stored in this shape at their next
// change or a rebuild (`npm run timelines -- rebuild`).
import mongoose from 'mongoose';
import type { TimelineDoc, TimelineStoredDoc } from './models/timeline.js';
import type { Timeline } from './timelineStore.js';

const { BSON, Binary } = mongoose.mongo;

/** The document to store for a timeline. */
export function storedTimeline(id: string, t: Timeline, rev: string): TimelineStoredDoc {
  return { _id: id, body: new Binary(BSON.serialize({ entries: t.entries, open: t.open })), rev };
}

/** The BSON of a stored timeline's lists, its own copy (the driver's value is a view of its whole reply). */
export function timelineBytes(doc: TimelineStoredDoc): Uint8Array {
  if (doc.body) return Uint8Array.prototype.slice.call(doc.body.buffer);
  return BSON.serialize({ entries: doc.entries ?? [], open: doc.open ?? [] });
}

/** A timeline from the BSON of its lists (timelineBytes): a new copy each time. */
export function timelineOfBytes(bytes: Uint8Array): Timeline {
  const { entries, open } = BSON.deserialize(bytes) as Timeline;
  return { entries, open };
}

/** A stored timeline as the repositories use it; `lists` says it is still in the shape from before `body`. */
export function timelineDocOf(doc: TimelineStoredDoc): TimelineDoc {
  if (doc.body) return { _id: doc._id, ...timelineOfBytes(doc.body.buffer), rev: doc.rev };
  return {
    _id: doc._id,
    entries: (doc.entries ?? []) as TimelineDoc['entries'],
    open: (doc.open ?? []) as TimelineDoc['open'],
    rev: doc.rev,
    lists: true,
  };
}
