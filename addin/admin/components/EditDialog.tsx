// The frame of a master-data edit dialog (title, fields, the save's error, Cancel and Save) and its text field
// with the field's problem under it. The dialog's own file says only which fields there are and what is sent.
import {
  Button,
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
import type { FormEvent, ReactNode } from 'react';
import { useAdminI18n } from '../i18n/context.js';
import type { TextFieldBinding } from '../state/useEditForm.js';
import { ErrorBar } from './feedback.js';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  grid: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingVerticalM, columnGap: '16px' },
  /** Spans both columns of the grid layout. */
  wide: { gridColumn: '1 / -1' },
});

/** The class that makes a field span both columns of a `layout="grid"` dialog. */
export function useWideField(): string {
  return useStyles().wide;
}

export function EditDialog(props: {
  title: string;
  /** grid: two columns, for forms with many short fields. */
  layout?: 'column' | 'grid';
  /** The save: pending while it runs, its failure shown above the buttons. */
  form: { pending: boolean; error: unknown };
  onSave: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useAdminI18n();
  const styles = useStyles();
  const { form } = props;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSave();
  };
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface>
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>{props.title}</DialogTitle>
            <DialogContent className={props.layout === 'grid' ? styles.grid : styles.column}>
              {props.children}
              {form.error !== null && (
                <div className={styles.wide}>
                  <ErrorBar error={form.error} />
                </div>
              )}
            </DialogContent>
            <DialogActions>
              <Button onClick={props.onClose}>{t.common.cancel}</Button>
              <Button appearance="primary" type="submit" disabled={form.pending}>
                {form.pending ? t.common.saving : t.common.save}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

export function TextField(
  props: TextFieldBinding & { label: string; type?: 'text' | 'email'; disabled?: boolean },
) {
  return (
    <Field
      label={props.label}
      validationMessage={props.error}
      validationState={props.error ? 'error' : undefined}
    >
      <Input
        value={props.value}
        type={props.type ?? 'text'}
        disabled={props.disabled}
        onChange={(_, d) => props.onChange(d.value)}
      />
    </Field>
  );
}
