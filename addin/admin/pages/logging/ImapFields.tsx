// The IMAP server and sign-in of a logging mailbox (issue 14): host, port, security (implicit TLS or STARTTLS;
// plain text is never offered), user, the sign-in (a password, or XOAUTH2 with an OAuth client's
// client-credentials token, e.g. Microsoft 365's IMAP with app-only access), a company CA (secrets sealed on the
// server and shown only as stored or not), and folder names for servers without SPECIAL-USE. Used by the setup
// wizard and the Email logging page (there locked while the mailbox is enabled).
import { Field, Input, Radio, RadioGroup, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { LoggingSetupView } from '../../../../shared/api/loggingSetup.js';
import { useAdminI18n } from '../../i18n/context.js';
import {
  MICROSOFT_365_OAUTH,
  withSecurity,
  type ImapAuth,
  type ImapForm,
  type ImapSecurity,
} from './imapForm.js';
import type { FieldErrors } from './setupForm.js';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    alignItems: 'start',
    gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))',
    gap: tokens.spacingVerticalM,
    columnGap: tokens.spacingHorizontalXL,
  },
  wide: { gridColumn: '1 / -1' },
});

export function ImapFields(props: {
  form: ImapForm;
  onChange: (form: ImapForm) => void;
  /** The stored setup of this mailbox: its password and CA count ("leave empty to keep"). */
  stored: LoggingSetupView | null;
  disabled?: boolean;
  /** Makes locked fields look locked (components/lockedField.ts). */
  lockedClass?: string;
  /** The contract's complaints, by field (setupForm.ts checkUpdate). */
  errors?: FieldErrors;
}) {
  const { t } = useAdminI18n();
  const m = t.imap;
  const styles = useStyles();
  const { form, disabled, lockedClass } = props;
  const set = (key: keyof ImapForm) => (_: unknown, d: { value: string }) =>
    props.onChange({ ...form, [key]: d.value });
  const passwordSet = props.stored?.imap?.password === 'set';
  const oauthSecretSet = props.stored?.imap?.oauth?.clientSecret === 'set';
  const caSet = props.stored?.imap?.caCertificate === 'set';
  const error = (key: keyof ImapForm) => props.errors?.[key];

  return (
    <div className={styles.grid}>
      <Field label={m.host} required validationMessage={error('host')}>
        <Input value={form.host} onChange={set('host')} disabled={disabled} className={lockedClass} />
      </Field>
      <Field label={m.security}>
        <RadioGroup
          value={form.security}
          disabled={disabled}
          onChange={(_, d) => props.onChange(withSecurity(form, d.value as ImapSecurity))}
        >
          <Radio value="tls" label={m.tls} />
          <Radio value="starttls" label={m.starttls} />
        </RadioGroup>
      </Field>
      <Field label={m.port} required validationMessage={error('port')}>
        <Input
          value={form.port}
          inputMode="numeric"
          onChange={set('port')}
          disabled={disabled}
          className={lockedClass}
        />
      </Field>
      <Field label={m.user} required validationMessage={error('user')}>
        <Input
          value={form.user}
          autoComplete="off"
          onChange={set('user')}
          disabled={disabled}
          className={lockedClass}
        />
      </Field>
      <Field label={m.auth}>
        <RadioGroup
          value={form.auth}
          disabled={disabled}
          onChange={(_, d) => props.onChange({ ...form, auth: d.value as ImapAuth })}
        >
          <Radio value="password" label={m.authPassword} />
          <Radio value="oauth2" label={m.authOAuth} />
        </RadioGroup>
      </Field>
      {form.auth === 'password' ? (
        <Field
          label={passwordSet ? m.newPassword : m.password}
          required={!passwordSet}
          hint={passwordSet ? m.passwordStored : undefined}
        >
          <Input
            type="password"
            autoComplete="off"
            value={form.password}
            onChange={set('password')}
            disabled={disabled}
            className={lockedClass}
          />
        </Field>
      ) : (
        <>
          <Field
            label={m.oauthTokenUrl}
            required
            hint={m.oauthTokenUrlHint}
            validationMessage={props.errors?.tokenUrl}
            className={styles.wide}
          >
            <Input
              value={form.oauthTokenUrl}
              placeholder={MICROSOFT_365_OAUTH.tokenUrl}
              onChange={set('oauthTokenUrl')}
              disabled={disabled}
              className={lockedClass}
            />
          </Field>
          <Field label={m.oauthClientId} required validationMessage={props.errors?.clientId}>
            <Input
              value={form.oauthClientId}
              autoComplete="off"
              onChange={set('oauthClientId')}
              disabled={disabled}
              className={lockedClass}
            />
          </Field>
          <Field
            label={oauthSecretSet ? m.oauthNewClientSecret : m.oauthClientSecret}
            required={!oauthSecretSet}
            hint={oauthSecretSet ? m.oauthClientSecretStored : undefined}
          >
            <Input
              type="password"
              autoComplete="off"
              value={form.oauthClientSecret}
              onChange={set('oauthClientSecret')}
              disabled={disabled}
              className={lockedClass}
            />
          </Field>
          <Field
            label={m.oauthScope}
            required
            hint={m.oauthScopeHint}
            validationMessage={props.errors?.scope}
          >
            <Input
              value={form.oauthScope}
              placeholder={MICROSOFT_365_OAUTH.scope}
              onChange={set('oauthScope')}
              disabled={disabled}
              className={lockedClass}
            />
          </Field>
        </>
      )}
      <Field label={m.archiveFolderName} hint={m.archiveFolderHint}>
        <Input
          value={form.archiveFolderName}
          onChange={set('archiveFolderName')}
          disabled={disabled}
          className={lockedClass}
        />
      </Field>
      <Field label={m.junkFolderName} hint={m.junkFolderHint}>
        <Input
          value={form.junkFolderName}
          onChange={set('junkFolderName')}
          disabled={disabled}
          className={lockedClass}
        />
      </Field>
      <Field label={m.trashFolderName} hint={m.trashFolderHint}>
        <Input
          value={form.trashFolderName}
          onChange={set('trashFolderName')}
          disabled={disabled}
          className={lockedClass}
        />
      </Field>
      <Field label={m.ca} hint={caSet ? m.caStored : undefined} className={styles.wide}>
        <Textarea
          value={form.caCertificate}
          onChange={set('caCertificate')}
          rows={3}
          disabled={disabled}
          className={lockedClass}
        />
      </Field>
    </div>
  );
}
