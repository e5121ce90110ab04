// Salespeople and contacts: the directory the logging loop matches addresses against.
// Addresses are stored normalised (lower-case) so lookups are plain equality on an index.
import { Schema } from 'mongoose';

export interface SalespersonDoc {
  code: string;
  name: string;
  email: string | null;
  active: boolean;
  /** Exchange X.500 addresses (legacy DNs) Graph may give for this salesperson, as an admin recorded them. */
  x500Addresses: string[];
  /** The Entra ID user this salesperson is (tenant id + object id), once an admin bound it; null until then. */
  entraTenantId: string | null;
  entraObjectId: string | null;
  /** The last verified sign-in whose address matched while unbound, waiting for an admin to confirm it. */
  pendingSignIn: {
    tenantId: string;
    objectId: string;
    displayName: string;
    address: string;
    seenAt: Date;
  } | null;
  createdAt: Date;
  updatedAt: Date;
}

export const salespersonSchema = new Schema<SalespersonDoc>(
  {
    code: { type: String, required: true, maxlength: 20, match: /^[A-Z0-9_-]+$/ },
    name: { type: String, required: true, maxlength: 100 },
    email: { type: String, default: null, maxlength: 254 },
    active: { type: Boolean, default: true },
    x500Addresses: { type: [String], default: [] },
    entraTenantId: { type: String, default: null, maxlength: 36 },
    entraObjectId: { type: String, default: null, maxlength: 36 },
    pendingSignIn: {
      type: new Schema(
        {
          tenantId: { type: String, required: true },
          objectId: { type: String, required: true },
          displayName: { type: String, required: true, maxlength: 200 },
          address: { type: String, required: true, maxlength: 254 },
          seenAt: { type: Date, required: true },
        },
        { _id: false, strict: 'throw' },
      ),
      default: null,
    },
  },
  { timestamps: true, strict: 'throw' },
);
salespersonSchema.index({ code: 1 }, { unique: true });
// "Which salesperson is this signed-in user?" (role resolution, on every token not in its cache).
salespersonSchema.index({ entraObjectId: 1, entraTenantId: 1 });
salespersonSchema.index({ email: 1 });
// "Which salesperson is this address?" (lowest code wins, as in the directory).
salespersonSchema.index({ email: 1, code: 1 });
salespersonSchema.index({ name: 1 });

export interface ContactDoc {
  number: string;
  kind: 'person' | 'company';
  name: string;
  companyNumber: string | null;
  companyName: string | null;
  email: string | null;
  alternateEmails: string[];
  phone: string | null;
  salespersonCode: string | null;
  privacyBlocked: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const contactSchema = new Schema<ContactDoc>(
  {
    number: { type: String, required: true, maxlength: 20 },
    kind: { type: String, enum: ['person', 'company'], required: true },
    name: { type: String, required: true, maxlength: 100 },
    companyNumber: { type: String, default: null, maxlength: 20 },
    companyName: { type: String, default: null, maxlength: 100 },
    email: { type: String, default: null, maxlength: 254 },
    alternateEmails: { type: [String], default: [] },
    phone: { type: String, default: null, maxlength: 30 },
    salespersonCode: { type: String, default: null, maxlength: 20 },
    privacyBlocked: { type: Boolean, default: false },
  },
  { timestamps: true, strict: 'throw' },
);
contactSchema.index({ number: 1 }, { unique: true });
contactSchema.index({ email: 1 });
contactSchema.index({ alternateEmails: 1 });
contactSchema.index({ companyNumber: 1 });
contactSchema.index({ name: 1 });
// Name search, paged by (name, number).
contactSchema.index({ name: 1, number: 1 });
