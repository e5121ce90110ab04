// The frame of the pane's form dialogs (add contact, create opportunity, link to opportunity): a modal that
// cannot be closed while its request is pending, the request's failure above the fields, Cancel and the submit
// button that says what is happening. `useDialogSubmit` runs the request once at a time and keeps its failure.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../../i18n/context.js';
import { useSingleFlight } from '../state/useSingleFlight.js';
import { ErrorBar } from './feedback.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export interface DialogSubmission {
  pending: boolean;
  /** What the last attempt threw (null: none, or a new attempt started). */
  failure: unknown;
}

export function useDialogSubmit() {
  const { pending, run } = useSingleFlight();
  const [failure, setFailure] = useState<unknown>(null);
  /** Runs `action` unless one is pending; what it throws is kept as the failure (after `onError` saw it). */
  const submit = (action: () => Promise<void>, onError?: (e: unknown) => void) => {
    setFailure(null);
    void run(async () => {
      try {
        await action();
      } catch (e) {
        onError?.(e);
        setFailure(e);
      }
    });
  };
  return { pending, failure, submit };
}

export function FormDialog(props: {
  open: boolean;
  title: ReactNode;
  submission: DialogSubmission;
  /** The submit button's text, and its text while the request is pending. */
  submitLabel: string;
  pendingLabel: string;
  submitDisabled?: boolean;
  onSubmit: (event: FormEvent) => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const { pending, failure } = props.submission;
  return (
    <Dialog
      open={props.open}
      modalType="modal"
      onOpenChange={(_, data) => !data.open && !pending && props.onClose()}
    >
      <DialogSurface>
        {/* The contract's schema checks the fields (with messages in the pane's language), not the browser. */}
        <form onSubmit={props.onSubmit} noValidate>
          <DialogBody>
            <DialogTitle>{props.title}</DialogTitle>
            <DialogContent className={styles.form}>
              {failure !== null && <ErrorBar error={failure} />}
              {props.children}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={props.onClose} disabled={pending}>
                {t.common.cancel}
              </Button>
              <Button appearance="primary" type="submit" disabled={pending || props.submitDisabled}>
                {pending ? props.pendingLabel : props.submitLabel}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
