// One mailbox's setup on the Email logging page. Enabled validates before it turns on (Business Central checks
// the connection when enabling); every setting is locked while enabled. Only changed connection fields are sent:
// the server clears consent, the token cache and the signed-in job account when one changes. Renew token (delegated
// access, allowed while enabled) signs the job account in again through Microsoft and comes back here. An IMAP
// mailbox shows its server and sign-in instead of the app registration (ImapFields).
import {
  Button,
  Card,
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
  Subtitle1,
  Switch,
  Text,
  Toolbar,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type {
  LoggingSetupUpdate,
  LoggingSetupView,
  SetupValidation,
} from '../../../../shared/api/loggingSetup.js';
import { formatDateTime } from '../../../i18n/format.js';
import type { AdminClient } from '../../api/adminClient.js';
import { ErrorBar, Notice } from '../../components/feedback.js';
import { useLockedFieldStyles } from '../../components/lockedField.js';
import { useAdminI18n } from '../../i18n/context.js';
import { useAction } from '../../state/useLoad.js';
import { ValidationResult } from '../wizard/MailboxStep.js';
import { ConsentOutcomeBar, JobAccountStatus, startJobSignIn, useConsentOutcome } from './jobAccount.js';
import { ImapFields } from './ImapFields.js';
import { imapFormOf, imapUpdate } from './imapForm.js';
import { SettingsFields } from './SettingsFields.js';
import { checkUpdate, settingsFormOf, settingsUpdate, type FieldErrors } from './setupForm.js';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '1000px' },
  grid: {
    display: 'grid',
    alignItems: 'start',
    gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))',
    gap: tokens.spacingVerticalM,
    columnGap: tokens.spacingHorizontalXL,
  },
  note: { color: tokens.colorNeutralForeground3 },
  // Fluent's Toolbar sets its buttons edge to edge; apart, each reads as its own action.
  actions: { flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
});

export function MailboxSetup(props: { api: AdminClient; initial: LoggingSetupView; onChanged: () => void }) {
  const { t, locale, language } = useAdminI18n();
  const l = t.logging;
  const styles = useStyles();
  const lockedStyles = useLockedFieldStyles();
  const { api } = props;
  const [view, setView] = useState(props.initial);
  const [conn, setConn] = useState({
    authMode: view.authMode,
    tenantId: view.tenantId ?? '',
    clientId: view.clientId ?? '',
    clientSecret: '',
  });
  const [imapForm, setImapForm] = useState(() => imapFormOf(view));
  const imap = view.provider === 'imap';
  const [settings, setSettings] = useState(() => settingsFormOf(view));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [validation, setValidation] = useState<SetupValidation | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const action = useAction();
  const mailbox = view.mailbox;
  const locked = view.enabled;
  // Locked fields look locked even when empty (the new secret always is): see components/lockedField.ts.
  const lockedClass = locked ? lockedStyles.locked : undefined;
  const delegated = view.authMode === 'delegated';
  const [consent, dismissConsent] = useConsentOutcome(mailbox);

  const saved = (v: LoggingSetupView, text: string | null) => {
    setView(v);
    setNotice(text);
    props.onChanged();
  };

  const toggle = (on: boolean) =>
    action.run(async () => {
      setNotice(null);
      setValidation(null);
      if (on) {
        const v = await api.validate(mailbox);
        if (!v.ok) return setValidation(v);
      }
      saved(await api.putSetup(mailbox, { enabled: on }), null);
    });

  const save = () => {
    const update: LoggingSetupUpdate = settingsUpdate(settings);
    if (conn.authMode !== view.authMode) update.authMode = conn.authMode;
    if (conn.tenantId.trim() !== (view.tenantId ?? '')) update.tenantId = conn.tenantId.trim() || null;
    if (conn.clientId.trim() !== (view.clientId ?? '')) update.clientId = conn.clientId.trim() || null;
    if (conn.clientSecret) update.clientSecret = conn.clientSecret;
    // The whole server, as the API takes it: an empty password or CA field keeps the stored one.
    if (imap) update.imap = imapUpdate(imapForm);
    const found = checkUpdate(update, t);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    void action.run(async () => {
      saved(await api.putSetup(mailbox, update), l.saved);
      setConn((c) => ({ ...c, clientSecret: '' }));
      setImapForm((f) => ({ ...f, password: '', caCertificate: '' }));
    });
  };

  const validate = () =>
    action.run(async () => {
      setNotice(null);
      setValidation(await api.validate(mailbox));
      setView(await api.setup(mailbox));
    });

  const runNow = () =>
    action.run(async () => {
      await api.runNow(mailbox);
      setNotice(l.runRequested);
    });

  const renew = () => action.run(() => startJobSignIn(api, mailbox, 'logging', language));

  const clear = () =>
    action.run(async () => {
      setConfirmClear(false);
      const cleared = await api.putSetup(mailbox, {
        enabled: false,
        ...(imap ? { imap: null } : {}),
        tenantId: null,
        clientId: null,
        clientSecret: null,
        certificateThumbprint: null,
        certificateKey: null,
        redirectUrl: null,
        jobAccount: null,
      });
      setConn({ authMode: cleared.authMode, tenantId: '', clientId: '', clientSecret: '' });
      setImapForm(imapFormOf(cleared));
      saved(cleared, l.cleared);
    });

  const setC = (key: keyof typeof conn) => (_: unknown, d: { value: string }) =>
    setConn({ ...conn, [key]: d.value });

  return (
    <Card className={styles.card}>
      <Switch
        checked={view.enabled}
        disabled={action.pending}
        onChange={(_, d) => void toggle(d.checked)}
        label={l.enabled}
      />
      <Text className={styles.note}>
        {view.lastValidatedAt
          ? l.lastValidated(formatDateTime(view.lastValidatedAt, { locale }), view.lastValidationOk === true)
          : l.neverValidated}
      </Text>
      <Toolbar aria-label={mailbox} className={styles.actions}>
        <Button onClick={() => void validate()} disabled={action.pending}>
          {l.validate}
        </Button>
        <Button onClick={() => void runNow()} disabled={action.pending || !view.enabled}>
          {l.runNow}
        </Button>
        <Button
          onClick={() => void renew()}
          disabled={action.pending || !delegated}
          title={delegated ? l.renewNote : l.renewAppOnly}
        >
          {l.renewToken}
        </Button>
        <Button onClick={() => setConfirmClear(true)} disabled={action.pending}>
          {l.clear}
        </Button>
      </Toolbar>
      <Text size={200} className={styles.note}>
        {delegated ? l.renewNote : l.renewAppOnly}
      </Text>
      {consent && <ConsentOutcomeBar outcome={consent} onDismiss={dismissConsent} />}
      {validation && (
        <>
          {!validation.ok && view.enabled === false && <Text>{l.enableFailed}</Text>}
          <ValidationResult result={validation} imap={imap} />
        </>
      )}
      {notice && (
        <Notice onDismiss={() => setNotice(null)}>
          <span role="status">{notice}</span>
        </Notice>
      )}
      {action.error !== null && <ErrorBar error={action.error} />}
      {locked && <Notice intent="info">{l.locked}</Notice>}
      <Subtitle1 as="h2">{imap ? t.imap.serverTitle : l.connection}</Subtitle1>
      {imap && (
        <ImapFields
          form={imapForm}
          onChange={setImapForm}
          stored={view}
          disabled={locked}
          lockedClass={lockedClass}
          errors={errors}
        />
      )}
      {!imap && (
        <div className={styles.grid}>
          <Field label={l.authMode}>
            <RadioGroup
              layout="horizontal"
              value={conn.authMode}
              disabled={locked}
              onChange={(_, d) => setConn({ ...conn, authMode: d.value as typeof conn.authMode })}
            >
              <Radio value="app" label={l.appOnly} />
              <Radio value="delegated" label={l.delegated} />
            </RadioGroup>
          </Field>
          {delegated && (
            <Field label={t.consent.account}>
              <JobAccountStatus view={view} />
            </Field>
          )}
          <Field label={t.wizard.app.tenantId}>
            <Input
              value={conn.tenantId}
              onChange={setC('tenantId')}
              disabled={locked}
              className={lockedClass}
            />
          </Field>
          <Field label={t.wizard.app.clientId}>
            <Input
              value={conn.clientId}
              onChange={setC('clientId')}
              disabled={locked}
              className={lockedClass}
            />
          </Field>
          <Field label={l.newSecret} hint={`${t.wizard.app.secret}: ${l.secretState(view.clientSecret)}`}>
            <Input
              type="password"
              autoComplete="off"
              value={conn.clientSecret}
              onChange={setC('clientSecret')}
              disabled={locked}
              className={lockedClass}
            />
          </Field>
        </div>
      )}
      <Subtitle1 as="h2">{l.processing}</Subtitle1>
      <SettingsFields form={settings} onChange={setSettings} errors={errors} disabled={locked} />
      <div>
        <Button appearance="primary" onClick={save} disabled={locked || action.pending}>
          {l.save}
        </Button>
      </div>
      <Dialog open={confirmClear} onOpenChange={(_, d) => setConfirmClear(d.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{l.clearTitle}</DialogTitle>
            <DialogContent>{l.clearBody}</DialogContent>
            <DialogActions>
              <Button onClick={() => setConfirmClear(false)}>{t.common.cancel}</Button>
              <Button appearance="primary" onClick={() => void clear()}>
                {l.clear}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </Card>
  );
}
