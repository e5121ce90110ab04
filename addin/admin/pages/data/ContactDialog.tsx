// Create or edit a contact with its alternate addresses (matched like the primary one by the loop). New
// contacts go through POST /contacts (a person's company is found by name or created); edits through PATCH.
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Radio,
  RadioGroup,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import {
  CreateContactRequest,
  UpdateContactRequest,
  type ContactDetail,
} from '../../../../shared/api/contacts.js';
import type { AdminClient } from '../../api/adminClient.js';
import { ErrorBar } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';
import { useAction } from '../../state/useLoad.js';

const useStyles = makeStyles({
  form: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingVerticalM, columnGap: '16px' },
  wide: { gridColumn: '1 / -1' },
});

const lines = (s: string) =>
  s
    .split(/[\r\n;,]+/)
    .map((l) => l.trim())
    .filter(Boolean);

export function ContactDialog(props: {
  api: AdminClient;
  editing: ContactDetail | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useAdminI18n();
  const c = t.contacts;
  const styles = useStyles();
  const { editing } = props;
  const [form, setForm] = useState({
    name: editing?.name ?? '',
    kind: editing?.kind ?? ('person' as 'person' | 'company'),
    email: editing?.email ?? '',
    companyName: editing?.kind === 'person' ? (editing.companyName ?? '') : '',
    phone: editing?.phone ?? '',
    salespersonCode: editing?.salesperson?.code ?? '',
    alternateEmails: (editing?.alternateEmails ?? []).join('\n'),
    privacyBlocked: editing?.privacyBlocked ?? false,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const action = useAction();
  const text = (s: string) => s.trim() || undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const common = {
      name: form.name,
      alternateEmails: lines(form.alternateEmails),
    };
    const parsed = editing
      ? UpdateContactRequest.safeParse({
          ...common,
          email: text(form.email) ?? null,
          phone: text(form.phone) ?? null,
          salespersonCode: text(form.salespersonCode.toUpperCase()) ?? null,
          privacyBlocked: form.privacyBlocked,
          ...(editing.kind === 'person' ? { companyName: text(form.companyName) ?? null } : {}),
        })
      : CreateContactRequest.safeParse({
          ...common,
          kind: form.kind,
          email: form.email.trim(),
          companyName: form.kind === 'person' ? text(form.companyName) : undefined,
          phone: text(form.phone),
          salespersonCode: text(form.salespersonCode.toUpperCase()),
        });
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const i of parsed.error.issues) {
        const key = String(i.path[0]);
        found[key] ??=
          key === 'salespersonCode' ? t.errors.code : /email/i.test(key) ? t.errors.email : t.errors.required;
      }
      return setErrors(found);
    }
    setErrors({});
    void action.run(async () => {
      if (editing) await props.api.updateContact(editing.number, parsed.data as UpdateContactRequest);
      else await props.api.createContact(parsed.data as CreateContactRequest);
      props.onSaved();
    });
  };

  const input = (key: 'name' | 'email' | 'companyName' | 'phone' | 'salespersonCode', label: string) => (
    <Field label={label} validationMessage={errors[key]} validationState={errors[key] ? 'error' : undefined}>
      <Input value={form[key]} onChange={(_, d) => setForm({ ...form, [key]: d.value })} />
    </Field>
  );

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface>
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>{editing ? c.editTitle(editing.number) : c.newTitle}</DialogTitle>
            <DialogContent className={styles.form}>
              {input('name', c.name)}
              <Field label={c.kind}>
                <RadioGroup
                  layout="horizontal"
                  value={form.kind}
                  disabled={editing !== null}
                  onChange={(_, d) => setForm({ ...form, kind: d.value as 'person' | 'company' })}
                >
                  <Radio value="person" label={c.person} />
                  <Radio value="company" label={c.company} />
                </RadioGroup>
              </Field>
              {input('email', c.email)}
              {form.kind === 'person' ? input('companyName', c.companyName) : <span />}
              {input('phone', c.phone)}
              {input('salespersonCode', c.salesperson)}
              <Field
                className={styles.wide}
                label={c.alternateEmails}
                hint={c.alternateHint}
                validationMessage={errors.alternateEmails}
                validationState={errors.alternateEmails ? 'error' : undefined}
              >
                <Textarea
                  rows={3}
                  value={form.alternateEmails}
                  onChange={(_, d) => setForm({ ...form, alternateEmails: d.value })}
                />
              </Field>
              {editing && (
                <Checkbox
                  className={styles.wide}
                  label={c.privacyBlocked}
                  checked={form.privacyBlocked}
                  onChange={(_, d) => setForm({ ...form, privacyBlocked: d.checked === true })}
                />
              )}
              {action.error !== null && (
                <div className={styles.wide}>
                  <ErrorBar error={action.error} />
                </div>
              )}
            </DialogContent>
            <DialogActions>
              <Button onClick={props.onClose}>{t.common.cancel}</Button>
              <Button appearance="primary" type="submit" disabled={action.pending}>
                {action.pending ? t.common.saving : t.common.save}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
