// "Create opportunity" (Opret salgsmulighed): description prefilled with the mail's subject, the selected
// contact, the user's salesperson; checked with the contract's schema, then created once.
import { Field, Input } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { ContactCard } from '../../../shared/api/contacts.js';
import { CreateOpportunityRequest, type Opportunity } from '../../../shared/api/opportunities.js';
import type { ApiClient } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import { useI18n } from '../../i18n/context.js';
import { parseAmount } from '../../i18n/format.js';
import { fieldErrors, serverFieldErrors, type FieldErrors } from '../logic/form-errors.js';
import type { OpportunitySource } from '../logic/opportunity-source.js';
import { FormDialog, useDialogSubmit } from './FormDialog.js';

export interface CreateOpportunityDefaults {
  description: string;
  salespersonCode: string | null;
}

/**
 * From the open mail when asked, else as requested. The server logs a mail for the contacts Business Central's
 * rules give it (the sender of received mail, the recipients of sent mail) and refuses `fromMessage` with
 * nothing_to_log for anyone else, e.g. a contact in copy of a received mail: the pane cannot tell beforehand,
 * so that contact gets a plain opportunity, as it would once the mail is logged.
 */
async function createOpportunity(api: ApiClient, request: CreateOpportunityRequest): Promise<Opportunity> {
  try {
    return await api.createOpportunity(request);
  } catch (e) {
    if (!request.fromMessage || !(e instanceof ApiError) || e.code !== 'nothing_to_log') throw e;
    const { fromMessage: _fromMessage, ...plain } = request;
    return api.createOpportunity(plain);
  }
}

export function CreateOpportunityDialog(props: {
  open: boolean;
  api: ApiClient;
  contact: ContactCard;
  source: OpportunitySource;
  defaults: CreateOpportunityDefaults;
  onClose: () => void;
  onCreated: (opportunity: Opportunity) => void;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState({
    description: props.defaults.description.trim().slice(0, 100),
    salespersonCode: props.defaults.salespersonCode ?? '',
    estimatedValue: '',
    expectedCloseDate: '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const submission = useDialogSubmit();
  const set = (field: keyof typeof form) => (_: unknown, data: { value: string }) =>
    setForm((f) => ({ ...f, [field]: data.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const amount = parseAmount(form.estimatedValue);
    const parsed = CreateOpportunityRequest.safeParse({
      ...props.source,
      contactNumber: props.contact.number,
      description: form.description,
      ...(form.salespersonCode.trim() ? { salespersonCode: form.salespersonCode.trim().toUpperCase() } : {}),
      ...(amount !== undefined ? { estimatedValue: amount } : {}),
      ...(form.expectedCloseDate ? { expectedCloseDate: form.expectedCloseDate } : {}),
    });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    submission.submit(
      async () => props.onCreated(await createOpportunity(props.api, parsed.data)),
      (e) => e instanceof ApiError && setErrors(serverFieldErrors(e.fieldErrors, t)),
    );
  };

  return (
    <FormDialog
      open={props.open}
      title={t.opportunities.createTitle}
      submission={submission}
      submitLabel={t.opportunities.create}
      pendingLabel={t.opportunities.creating}
      onSubmit={submit}
      onClose={props.onClose}
    >
      <Field label={t.opportunities.description} required validationMessage={errors.description}>
        <Input value={form.description} onChange={set('description')} maxLength={100} />
      </Field>
      <Field label={t.opportunities.contact}>
        <Input value={`${props.contact.name} (${props.contact.number})`} readOnly />
      </Field>
      <Field label={t.opportunities.salesperson} validationMessage={errors.salespersonCode}>
        <Input value={form.salespersonCode} onChange={set('salespersonCode')} maxLength={20} />
      </Field>
      <Field label={t.opportunities.estimatedValue} validationMessage={errors.estimatedValue}>
        <Input value={form.estimatedValue} onChange={set('estimatedValue')} inputMode="decimal" />
      </Field>
      <Field label={t.opportunities.expectedCloseDate} validationMessage={errors.expectedCloseDate}>
        <Input type="date" value={form.expectedCloseDate} onChange={set('expectedCloseDate')} />
      </Field>
    </FormDialog>
  );
}
