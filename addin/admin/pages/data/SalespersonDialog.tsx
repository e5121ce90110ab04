// Create or edit a salesperson; checked with the contract's schema before it is sent, server errors shown as
// they come (409 when the code is taken).
import { Checkbox, Field, Textarea } from '@fluentui/react-components';
import {
  CreateSalespersonRequest,
  UpdateSalespersonRequest,
  type Salesperson,
} from '../../../../shared/api/salespeople.js';
import type { AdminClient } from '../../api/adminClient.js';
import { EditDialog, TextField } from '../../components/EditDialog.js';
import { useAdminI18n } from '../../i18n/context.js';
import { useEditForm } from '../../state/useEditForm.js';
import type { EditDialogProps } from '../../state/useEditing.js';

export function SalespersonDialog(props: EditDialogProps<Salesperson> & { api: AdminClient }) {
  const { t } = useAdminI18n();
  const sp = t.salespeople;
  const { editing, api } = props;
  const form = useEditForm({
    initial: {
      code: editing?.code ?? '',
      name: editing?.name ?? '',
      email: editing?.email ?? '',
      active: editing?.active ?? true,
      x500: (editing?.x500Addresses ?? []).join('\n'),
    },
    problemOf: (field) =>
      field === 'code'
        ? t.errors.code
        : field === 'email'
          ? t.errors.email
          : field === 'x500Addresses'
            ? sp.x500Invalid
            : t.errors.required,
    onSaved: props.onSaved,
  });
  const { values } = form;

  const save = () => {
    const email = values.email.trim();
    if (editing) {
      const x500Addresses = values.x500
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
      const request = { name: values.name, email: email || null, active: values.active, x500Addresses };
      form.save(UpdateSalespersonRequest.safeParse(request), (r) => api.updateSalesperson(editing.code, r));
    } else {
      const request = {
        code: values.code.trim().toUpperCase(),
        name: values.name,
        ...(email ? { email } : {}),
        active: values.active,
      };
      form.save(CreateSalespersonRequest.safeParse(request), (r) => api.createSalesperson(r));
    }
  };

  return (
    <EditDialog
      title={editing ? sp.editTitle(editing.code) : sp.newTitle}
      form={form}
      onSave={save}
      onClose={props.onClose}
    >
      <TextField label={sp.code} {...form.text('code')} disabled={editing !== null} />
      <TextField label={sp.name} {...form.text('name')} />
      <TextField label={sp.email} {...form.text('email')} type="email" />
      {editing && (
        <Field
          label={sp.x500}
          hint={sp.x500Hint}
          validationMessage={form.errors.x500Addresses}
          validationState={form.errors.x500Addresses ? 'error' : undefined}
        >
          <Textarea value={values.x500} resize="vertical" onChange={(_, d) => form.set({ x500: d.value })} />
        </Field>
      )}
      <Checkbox
        label={sp.active}
        checked={values.active}
        onChange={(_, d) => form.set({ active: d.checked === true })}
      />
    </EditDialog>
  );
}
