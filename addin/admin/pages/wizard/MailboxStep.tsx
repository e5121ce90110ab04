// Step 3: the shared mailbox and "Check connection" (the server validates the inputs as the loop would, without
// storing them).
// The outcome of each validation step is listed with the server's advice; Next waits for a passing check. With
// delegated access the job account signs in here first (to Microsoft and back, see logging/jobAccount.tsx).
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ConsentOutcome } from '../../../../shared/api/loggingConsent.js';
import type { LoggingSetupView, SetupValidation } from '../../../../shared/api/loggingSetup.js';
import { ErrorBar } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';
import { ConsentOutcomeBar, JobAccountStatus } from '../logging/jobAccount.js';
import { connectionComplete, type ConnectionForm } from '../logging/setupForm.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '720px' },
  steps: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

/** `imap`: the mailbox is an IMAP logging mailbox (no "shared mailbox" there). */
export function ValidationResult(props: { result: SetupValidation; imap?: boolean }) {
  const styles = useStyles();
  const { t } = useAdminI18n();
  const { result } = props;
  return (
    <MessageBar intent={result.ok ? 'success' : 'error'} layout="multiline" data-testid="validation-result">
      <MessageBarBody>
        {/* A failure's advice is in its step below: the title says only what failed, not the advice twice. */}
        <MessageBarTitle>
          {result.ok ? result.message : props.imap ? t.imap.checkFailed : t.wizard.mailbox.checkFailed}
        </MessageBarTitle>
        <ul className={styles.steps}>
          {result.steps.map((s) => (
            <li key={s.name}>
              {s.ok ? '✓' : '✗'} {s.message}
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

export function MailboxStep(props: {
  form: ConnectionForm;
  onChange: (form: ConnectionForm) => void;
  checking: boolean;
  checkError: unknown;
  /** The latest check of exactly these inputs (null when none, or the inputs changed since). */
  result: SetupValidation | null;
  lockedEnabled: boolean;
  onCheck: () => void;
  /** The stored setup of this mailbox (its signed-in job account), null before the first save. */
  stored: LoggingSetupView | null;
  onSignIn: () => void;
  /** What the last sign-in of the job account came back with. */
  consent: ConsentOutcome | null;
  onDismissConsent: () => void;
}) {
  const { t } = useAdminI18n();
  const m = t.wizard.mailbox;
  const c = t.consent;
  const imap = props.form.provider === 'imap';
  const delegated = !imap && props.form.authMode === 'delegated';
  const styles = useStyles();
  const { form } = props;
  const set = (key: keyof ConnectionForm) => (_: unknown, d: { value: string }) =>
    props.onChange({ ...form, [key]: d.value });
  // The same inputs a check needs (a stored secret or key of this mailbox counts), for the sign-in too.
  const canCheck = connectionComplete(form, props.stored);

  return (
    <div className={styles.form}>
      <Field label={imap ? t.imap.address : m.address} required>
        <Input type="email" value={form.mailbox} onChange={set('mailbox')} />
      </Field>
      {delegated && (
        <>
          <Field label={m.jobAccount}>
            <Input type="email" value={form.jobAccount} onChange={set('jobAccount')} />
          </Field>
          <Text>{c.intro}</Text>
          <JobAccountStatus view={props.stored} />
          <div>
            <Button onClick={props.onSignIn} disabled={!canCheck || props.checking}>
              {c.signIn}
            </Button>
          </div>
        </>
      )}
      {props.consent && <ConsentOutcomeBar outcome={props.consent} onDismiss={props.onDismissConsent} />}
      <div>
        <Button appearance="primary" onClick={props.onCheck} disabled={!canCheck || props.checking}>
          {props.checking ? m.checking : m.check}
        </Button>
      </div>
      {props.checking && <Spinner size="tiny" />}
      {props.lockedEnabled && (
        <MessageBar intent="warning">
          <MessageBarBody>{m.enabledLocked}</MessageBarBody>
        </MessageBar>
      )}
      {props.checkError !== null && <ErrorBar error={props.checkError} />}
      {props.result && <ValidationResult result={props.result} imap={imap} />}
      {!(props.result?.ok && (!delegated || props.stored?.delegatedAccount)) && (
        <Text size={200}>{delegated ? m.nextHintDelegated : m.nextHint}</Text>
      )}
    </div>
  );
}
