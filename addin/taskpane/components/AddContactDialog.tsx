// "Add as contact": a form prefilled from the sender's display name and address, checked with the contract's
// own schema before it is sent.
import { Field, Input, Radio, RadioGroup } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { CreateContactRequest, type ContactCard, type ContactKind } from '../../../shared/api/contacts.js';
import { guessContactFromSender } from '../../../shared/email.js';
import type { ApiClient } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import { useI18n } from '../../i18n/context.js';
import { fieldErrors, serverFieldErrors, type FieldErrors } from '../logic/form-errors.js';
import type { Participant } from '../logic/participants.js';
import { FormDialog, useDialogSubmit } from './FormDialog.js';

export function AddContactDialog(props: {
  open: boolean;
  api: ApiClient;
  participant: Participant;
  onClose: () => void;
  onCreated: (contact: ContactCard) => void;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState(() => {
    const guess = guessContactFromSender(props.participant.name, props.participant.address);
    return {
      name: guess.name,
      kind: guess.kind as ContactKind,
      email: props.participant.address,
      companyName: guess.companyName ?? '',
      phone: '',
    };
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const submission = useDialogSubmit();
  const set = (field: keyof typeof form) => (_: unknown, data: { value: string }) =>
    setForm((f) => ({ ...f, [field]: data.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = CreateContactRequest.safeParse({
      name: form.name,
      kind: form.kind,
      email: form.email.trim(),
      ...(form.kind === 'person' && form.companyName.trim() ? { companyName: form.companyName } : {}),
      ...(form.phone.trim() ? { phone: form.phone } : {}),
    });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    submission.submit(
      async () => props.onCreated(await props.api.createContact(parsed.data)),
      (e) => e instanceof ApiError && setErrors(serverFieldErrors(e.fieldErrors, t)),
    );
  };

  return (
    <FormDialog
      open={props.open}
      title={t.unknown.dialogTitle}
      submission={submission}
      submitLabel={t.unknown.create}
      pendingLabel={t.unknown.creating}
      onSubmit={submit}
      onClose={props.onClose}
    >
      <Field label={t.unknown.name} required validationMessage={errors.name}>
        <Input value={form.name} onChange={set('name')} maxLength={100} />
      </Field>
      <Field label={t.unknown.kind}>
        <RadioGroup value={form.kind} onChange={set('kind')} layout="horizontal">
          <Radio value="person" label={t.contacts.person} />
          <Radio value="company" label={t.contacts.company} />
        </RadioGroup>
      </Field>
      <Field label={t.unknown.email} required validationMessage={errors.email}>
        <Input type="email" value={form.email} onChange={set('email')} maxLength={254} />
      </Field>
      {form.kind === 'person' && (
        <Field label={t.unknown.companyName} validationMessage={errors.companyName}>
          <Input value={form.companyName} onChange={set('companyName')} maxLength={100} />
        </Field>
      )}
      <Field label={t.unknown.phone} validationMessage={errors.phone}>
        <Input type="tel" value={form.phone} onChange={set('phone')} maxLength={30} />
      </Field>
    </FormDialog>
  );
}
