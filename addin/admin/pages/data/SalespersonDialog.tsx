// Create or edit a salesperson; checked with the contract's schema before it is sent, server errors shown as
// they come (409 when the code is taken).
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
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import {
  CreateSalespersonRequest,
  UpdateSalespersonRequest,
  type Salesperson,
} from '../../../../shared/api/salespeople.js';
import type { AdminClient } from '../../api/adminClient.js';
import { ErrorBar } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';
import { useAction } from '../../state/useLoad.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export function SalespersonDialog(props: {
  api: AdminClient;
  editing: Salesperson | null;
  onClose: () => void;
  onSaved: (sp: Salesperson) => void;
}) {
  const { t } = useAdminI18n();
  const sp = t.salespeople;
  const styles = useStyles();
  const { editing } = props;
  const [form, setForm] = useState({
    code: editing?.code ?? '',
    name: editing?.name ?? '',
    email: editing?.email ?? '',
    active: editing?.active ?? true,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const action = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const email = form.email.trim();
    const parsed = editing
      ? UpdateSalespersonRequest.safeParse({ name: form.name, email: email || null, active: form.active })
      : CreateSalespersonRequest.safeParse({
          code: form.code.trim().toUpperCase(),
          name: form.name,
          ...(email ? { email } : {}),
          active: form.active,
        });
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const i of parsed.error.issues) {
        const key = String(i.path[0]);
        found[key] ??= key === 'code' ? t.errors.code : key === 'email' ? t.errors.email : t.errors.required;
      }
      return setErrors(found);
    }
    setErrors({});
    void action.run(async () => {
      const saved = editing
        ? await props.api.updateSalesperson(editing.code, parsed.data as UpdateSalespersonRequest)
        : await props.api.createSalesperson(parsed.data as CreateSalespersonRequest);
      props.onSaved(saved);
    });
  };

  const field = (key: 'code' | 'name' | 'email', label: string, disabled = false) => (
    <Field label={label} validationMessage={errors[key]} validationState={errors[key] ? 'error' : undefined}>
      <Input
        value={form[key]}
        disabled={disabled}
        onChange={(_, d) => setForm({ ...form, [key]: d.value })}
        type={key === 'email' ? 'email' : 'text'}
      />
    </Field>
  );

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface>
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>{editing ? sp.editTitle(editing.code) : sp.newTitle}</DialogTitle>
            <DialogContent className={styles.form}>
              {field('code', sp.code, editing !== null)}
              {field('name', sp.name)}
              {field('email', sp.email)}
              <Checkbox
                label={sp.active}
                checked={form.active}
                onChange={(_, d) => setForm({ ...form, active: d.checked === true })}
              />
              {action.error !== null && <ErrorBar error={action.error} />}
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
