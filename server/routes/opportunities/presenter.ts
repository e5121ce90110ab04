// Opportunities as the API shows them, after the visibility gate (services/visibility.ts).
import type { VisibleOpportunity as OpportunityRecord } from '../../services/visibility.js';
import type { Opportunity, OpportunitySummary } from '../../../shared/api/opportunities.js';

export function presentOpportunitySummary(o: OpportunityRecord): OpportunitySummary {
  return {
    number: o.number,
    description: o.description,
    status: o.status,
    salespersonCode: o.salespersonCode,
    estimatedValue: o.estimatedValue,
    expectedCloseDate: o.expectedCloseDate ? o.expectedCloseDate.toISOString().slice(0, 10) : null,
    createdAt: o.createdAt.toISOString(),
    visibility: o.visibility,
  };
}

export function presentOpportunity(o: OpportunityRecord): Opportunity {
  return {
    ...presentOpportunitySummary(o),
    contactNumber: o.contactNumber,
    contactCompanyNumber: o.contactCompanyNumber,
    sourceEntryNumber: o.sourceEntryNumber,
  };
}
