// Create or edit a contact with its alternate addresses (matched like the primary one by the loop). New
// contacts go through POST /contacts (a person's company is found by name or created); edits through PATCH.
import { Checkbox, Field, Radio, RadioGroup, Textarea } from '@fluentui/react-components';
import {
  CreateContactRequest,
  UpdateContactRequest,
  type ContactDetail,
} from '../../../../shared/api/contacts.js';
import type { AdminClient } from '../../api/adminClient.js';
import { EditDialog, TextField, useWideField } from '../../components/EditDialog.js';
import { useAdminI18n } from '../../i18n/context.js';
import { useEditForm } from '../../state/useEditForm.js';
import type { EditDialogProps } from '../../state/useEditing.js';

/** Addresses one a line; commas and semicolons separate too, as when pasted from a mail client. */
const lines = (s: string) =>
  s
    .split(/[\r\n;,]+/)
    .map((l) => l.trim())
    .filter(Boolean);

const text = (s: string) => s.trim() || undefined;

export function ContactDialog(props: EditDialogProps<ContactDetail> & { api: AdminClient }) {
  const { t } = useAdminI18n();
  const c = t.contacts;
  const wide = useWideField();
  const { editing, api } = props;
  const form = useEditForm({
    initial: {
      name: editing?.name ?? '',
      kind: editing?.kind ?? ('person' as 'person' | 'company'),
      email: editing?.email ?? '',
      companyName: editing?.kind === 'person' ? (editing.companyName ?? '') : '',
      phone: editing?.phone ?? '',
      salespersonCode: editing?.salesperson?.code ?? '',
      alternateEmails: (editing?.alternateEmails ?? []).join('\n'),
      privacyBlocked: editing?.privacyBlocked ?? false,
    },
    problemOf: (field) =>
      field === 'salespersonCode' ? t.errors.code : /email/i.test(field) ? t.errors.email : t.errors.required,
    onSaved: props.onSaved,
  });
  const { values } = form;

  const save = () => {
    const common = { name: values.name, alternateEmails: lines(values.alternateEmails) };
    if (editing) {
      const request = {
        ...common,
        email: text(values.email) ?? null,
        phone: text(values.phone) ?? null,
        salespersonCode: text(values.salespersonCode.toUpperCase()) ?? null,
        privacyBlocked: values.privacyBlocked,
        ...(editing.kind === 'person' ? { companyName: text(values.companyName) ?? null } : {}),
      };
      form.save(UpdateContactRequest.safeParse(request), (r) => api.updateContact(editing.number, r));
    } else {
      const request = {
        ...common,
        kind: values.kind,
        email: values.email.trim(),
        companyName: values.kind === 'person' ? text(values.companyName) : undefined,
        phone: text(values.phone),
        salespersonCode: text(values.salespersonCode.toUpperCase()),
      };
      form.save(CreateContactRequest.safeParse(request), (r) => api.createContact(r));
    }
  };

  return (
    <EditDialog
      title={editing ? c.editTitle(editing.number) : c.newTitle}
      layout="grid"
      form={form}
      onSave={save}
      onClose={props.onClose}
    >
      <TextField label={c.name} {...form.text('name')} />
      <Field label={c.kind}>
        <RadioGroup
          layout="horizontal"
          value={values.kind}
          disabled={editing !== null}
          onChange={(_, d) => form.set({ kind: d.value as 'person' | 'company' })}
        >
          <Radio value="person" label={c.person} />
          <Radio value="company" label={c.company} />
        </RadioGroup>
      </Field>
      <TextField label={c.email} {...form.text('email')} />
      {values.kind === 'person' ? (
        <TextField label={c.companyName} {...form.text('companyName')} />
      ) : (
        <span />
      )}
      <TextField label={c.phone} {...form.text('phone')} />
      <TextField label={c.salesperson} {...form.text('salespersonCode')} />
      <Field
        className={wide}
        label={c.alternateEmails}
        hint={c.alternateHint}
        validationMessage={form.errors.alternateEmails}
        validationState={form.errors.alternateEmails ? 'error' : undefined}
      >
        <Textarea
          rows={3}
          value={values.alternateEmails}
          onChange={(_, d) => form.set({ alternateEmails: d.value })}
        />
      </Field>
      {editing && (
        <Checkbox
          className={wide}
          label={c.privacyBlocked}
          checked={values.privacyBlocked}
          onChange={(_, d) => form.set({ privacyBlocked: d.checked === true })}
        />
      )}
    </EditDialog>
  );
}
