// Start-up failures of the task pane, counted per UTC day and kind of host (see shared/api/paneStart.ts).
// One document per (day, kind, host, platform, version, blocked origin): a flood of reports grows a counter, not
// the collection.
import { Schema } from 'mongoose';

export interface PaneStartFailureDoc {
  /** `${day}|${kind}|${host}|${platform}|${hostVersion}|${blockedOrigin}`: the counter's identity. */
  _id: string;
  /** UTC calendar day, "YYYY-MM-DD". */
  day: string;
  kind: string;
  host: string;
  platform: string;
  hostVersion: string;
  blockedOrigin: string | null;
  count: number;
  lastSeenAt: Date;
}

export const paneStartFailureSchema = new Schema<PaneStartFailureDoc>(
  {
    _id: { type: String, required: true },
    day: { type: String, required: true },
    kind: { type: String, required: true },
    host: { type: String, default: '' },
    platform: { type: String, default: '' },
    hostVersion: { type: String, default: '' },
    blockedOrigin: { type: String, default: null },
    count: { type: Number, required: true },
    lastSeenAt: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);
// The console's list (newest days first) and the pruning of old days.
paneStartFailureSchema.index({ day: -1 });
