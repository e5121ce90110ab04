// "Set up email logging" (Business Central's assisted setup, and more): Exchange preparation -> app registration
// -> shared mailbox with "Check connection" (the server checks the inputs without storing them, so a mistyped
// mailbox leaves no setup behind; Next waits for a pass of exactly the inputs shown, with delegated access also
// for a signed-in job account) -> advanced settings -> finish: save, validate again (creates the folders), make
// sure e-mails have an interaction template (E-MAILS) and enable. Only the job account's sign-in saves earlier:
// the consent callback stores its token on the setup. It leaves the page: on the way back
// (#/wizard?mailbox=&consent=) the wizard picks the stored setup up again at the shared-mailbox step. An IMAP
// logging mailbox (issue 14) takes the same steps: mail-server advice, the IMAP server, the mailbox and its check.
import { Button, Card, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { LoggingSetupView, SetupValidation } from '../../../../shared/api/loggingSetup.js';
import { ensureEmailTemplate } from '../../../../shared/api/settings.js';
import { ApiError } from '../../../api/errors.js';
import type { AdminClient } from '../../api/adminClient.js';
import { ErrorBar, PageHeader } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';
import { useAction } from '../../state/useLoad.js';
import { parseRoute, type Route } from '../../state/route.js';
import { startJobSignIn, useConsentOutcome } from '../logging/jobAccount.js';
import { ValidationResult } from './MailboxStep.js';
import { SettingsFields } from '../logging/SettingsFields.js';
import {
  connectionFormOf,
  connectionUpdate,
  settingsFormOf,
  settingsUpdate,
  type FieldErrors,
} from '../logging/setupForm.js';
import { AppStep } from './AppStep.js';
import { ExchangeStep } from './ExchangeStep.js';
import { FinishDone, FinishSummary } from './FinishStep.js';
import { MailboxStep } from './MailboxStep.js';
import { ImapPrepare, ProviderChoice } from './ProviderStep.js';
import { ImapFields } from '../logging/ImapFields.js';
import {
  STEP,
  checkKey,
  consentRedirectUrl,
  currentCheck,
  storedFor,
  wizardCanNext,
  wizardCheck,
  wizardConnectionUpdate,
  wizardMailbox,
  wizardNext,
  type ConnectionCheck,
} from './wizardFlow.js';

const useStyles = makeStyles({
  steps: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    listStyle: 'none',
    padding: 0,
    margin: 0,
    flexWrap: 'wrap',
  },
  step: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground3,
  },
  current: { backgroundColor: tokens.colorBrandBackground, color: tokens.colorNeutralForegroundOnBrand },
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '960px' },
  nav: { display: 'flex', gap: tokens.spacingHorizontalS, justifyContent: 'flex-end' },
});

export function SetupWizard(props: { api: AdminClient; go: (route: Route) => void }) {
  const { t, language } = useAdminI18n();
  const w = t.wizard;
  const styles = useStyles();
  const { api } = props;
  const redirectUrl = consentRedirectUrl(location.origin);
  const [consent, dismissConsent] = useConsentOutcome(null);
  // Back from the job account's sign-in: the mailbox it was for (its setup was saved before leaving).
  const [resumed] = useState(() => (consent ? parseRoute(location.hash).mailbox : null));
  const [step, setStep] = useState<number>(resumed ? STEP.mailbox : STEP.exchange);
  const [exchangeDone, setExchangeDone] = useState(resumed !== null);
  const [conn, setConn] = useState(() => connectionFormOf(resumed ?? ''));
  const [settings, setSettings] = useState(() => settingsFormOf());
  const [stored, setStored] = useState<LoggingSetupView | null>(null);
  const [check, setCheck] = useState<ConnectionCheck | null>(null);
  const [lockedEnabled, setLockedEnabled] = useState(false);
  const [settingsErrors, setSettingsErrors] = useState<FieldErrors>({});
  const [enableNow, setEnableNow] = useState(true);
  const [finishFailure, setFinishFailure] = useState<SetupValidation | null>(null);
  const [done, setDone] = useState<{ mailbox: string; enabled: boolean } | null>(null);
  const checking = useAction();
  const finishing = useAction();

  useEffect(() => {
    if (!resumed) return;
    void checking.run(async () => {
      const saved = await api.setup(resumed);
      setConn(connectionFormOf(resumed, saved));
      setSettings(settingsFormOf(saved));
      setStored(saved);
    });
  }, [api, resumed, checking.run]);

  const result = currentCheck(check, conn);
  const mailbox = wizardMailbox(conn);
  const storedHere = storedFor(conn, stored);

  /**
   * The stored setup of the mailbox in the form, taken up (a mailbox set up before keeps its processing settings
   * unless they were edited here already, and its stored secret counts); 'locked' while it is enabled (its setup
   * is locked then: nothing is checked or saved), null when there is none.
   */
  const storedSetup = async (): Promise<LoggingSetupView | 'locked' | null> => {
    const existing = await api.setup(mailbox).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    });
    setLockedEnabled(existing?.enabled === true);
    if (!existing) return null;
    if (existing.enabled) return 'locked';
    if (!stored || stored.mailbox !== existing.mailbox) setSettings(settingsFormOf(existing));
    setStored(existing);
    return existing;
  };

  const runCheck = () =>
    checking.run(async () => {
      // The inputs as they are now: an edit while the check runs makes its outcome stale.
      const key = checkKey(conn);
      setCheck(null);
      if ((await storedSetup()) === 'locked') return;
      setCheck({ key, result: await api.checkSetup(wizardCheck(conn)) });
    });

  // The consent callback stores the job account's token on the setup, so the connection is saved first: the admin
  // starts a sign-in for exactly this mailbox.
  const signIn = () =>
    checking.run(async () => {
      dismissConsent();
      if ((await storedSetup()) === 'locked') return;
      setStored(await api.putSetup(mailbox, { ...connectionUpdate(conn, redirectUrl), enabled: false }));
      await startJobSignIn(api, mailbox, 'wizard', language);
    });

  const finish = () =>
    finishing.run(async () => {
      setFinishFailure(null);
      // Saved only now, with the inputs whose check passed (Next needs that) and the settings.
      await api.putSetup(mailbox, {
        ...wizardConnectionUpdate(conn, redirectUrl),
        ...settingsUpdate(settings),
      });
      const validation = await api.validate(mailbox);
      if (!validation.ok) return setFinishFailure(validation);
      // Business Central's finish needs the E-Mails interaction template: added and chosen when e-mails have none
      // (through PUT /settings, so the audit log records it); nothing when they have one.
      const template = ensureEmailTemplate(await api.settings());
      if (template) await api.putSettings(template);
      const saved = enableNow ? await api.putSetup(mailbox, { enabled: true }) : await api.setup(mailbox);
      setDone({ mailbox, enabled: saved.enabled });
    });

  const next = () => {
    const moved = wizardNext(step, settings, t);
    if (moved.settingsErrors) setSettingsErrors(moved.settingsErrors);
    setStep(moved.step);
  };

  const restart = () => {
    dismissConsent();
    setStep(STEP.exchange);
    setConn(connectionFormOf(''));
    setSettings(settingsFormOf());
    setStored(null);
    setCheck(null);
    setDone(null);
  };

  const canNext = wizardCanNext(step, { exchangeDone, conn, stored, result });
  const imap = conn.provider === 'imap';
  const stepNames = imap ? t.imap.steps : w.steps;
  const titles = imap
    ? [t.imap.prepareTitle, t.imap.serverTitle, t.imap.mailboxTitle, w.advanced.title, w.finish.title]
    : [w.exchange.title, w.app.title, w.mailbox.title, w.advanced.title, w.finish.title];

  return (
    <>
      <PageHeader title={w.title} />
      <ol className={styles.steps} aria-label={w.title}>
        {stepNames.map((name, i) => (
          <li
            key={name}
            className={mergeClasses(styles.step, i === step && styles.current)}
            aria-current={i === step ? 'step' : undefined}
          >
            {i + 1}. {name}
          </li>
        ))}
      </ol>
      <Card className={styles.card}>
        <h2 style={{ margin: 0 }}>{titles[step]}</h2>
        {step === STEP.exchange && (
          <ProviderChoice provider={conn.provider} onChange={(provider) => setConn({ ...conn, provider })} />
        )}
        {step === STEP.exchange && imap && <ImapPrepare />}
        {step === STEP.exchange && !imap && (
          <ExchangeStep
            mailbox={conn.mailbox}
            archiveFolder={settings.archiveFolder}
            done={exchangeDone}
            onDone={setExchangeDone}
          />
        )}
        {step === STEP.app && imap && (
          <ImapFields
            form={conn.imap}
            onChange={(form) => setConn({ ...conn, imap: form })}
            stored={storedHere}
          />
        )}
        {step === STEP.app && !imap && (
          <AppStep form={conn} onChange={setConn} stored={storedHere} redirectUrl={redirectUrl} />
        )}
        {step === STEP.mailbox && (
          <MailboxStep
            form={conn}
            onChange={setConn}
            checking={checking.pending}
            checkError={checking.error}
            result={result}
            lockedEnabled={lockedEnabled}
            onCheck={() => void runCheck()}
            stored={storedHere}
            onSignIn={() => void signIn()}
            consent={consent}
            onDismissConsent={dismissConsent}
          />
        )}
        {step === STEP.advanced && (
          <SettingsFields form={settings} onChange={setSettings} errors={settingsErrors} />
        )}
        {step === STEP.finish &&
          (done ? (
            <FinishDone mailbox={done.mailbox} enabled={done.enabled} go={props.go} onAnother={restart} />
          ) : (
            <>
              <FinishSummary
                conn={conn}
                settings={settings}
                enableNow={enableNow}
                onEnableNow={setEnableNow}
              />
              {finishFailure && <ValidationResult result={finishFailure} imap={imap} />}
              {finishing.error !== null && <ErrorBar error={finishing.error} />}
            </>
          ))}
        {!done && (
          <div className={styles.nav}>
            <Button
              onClick={() => setStep((s) => s - 1)}
              disabled={step === STEP.exchange || finishing.pending}
            >
              {w.back}
            </Button>
            {step < STEP.finish ? (
              <Button appearance="primary" onClick={next} disabled={!canNext}>
                {w.next}
              </Button>
            ) : (
              <Button appearance="primary" onClick={() => void finish()} disabled={finishing.pending}>
                {finishing.pending ? w.finish.finishing : w.finish.finish}
              </Button>
            )}
          </div>
        )}
      </Card>
    </>
  );
}
