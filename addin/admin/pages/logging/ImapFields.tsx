// The IMAP server and sign-in of a logging mailbox (issue 14): host, port, security (implicit TLS or STARTTLS;
// plain text is never offered), user, the sign-in (a password, or XOAUTH2 with an OAuth token: an app's client
// credentials as Microsoft 365's app-only IMAP access has them, or a service account's key as Google Workspace's
// domain-wide delegation has it; its JSON key file can be pasted whole), a company CA (secrets sealed on the
// server and shown only as stored or not), and folder names for servers without SPECIAL-USE. Used by the setup
// wizard and the Email logging page (there locked while the mailbox is enabled).
import { Field, Input, Radio, RadioGroup, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { LoggingSetupView } from '../../../../shared/api/loggingSetup.js';
import { useAdminI18n } from '../../i18n/context.js';
import {
  GOOGLE_WORKSPACE_OAUTH,
  MICROSOFT_365_OAUTH,
  storedSecretFits,
  withSecurity,
  withServiceAccountKey,
  type ImapAuth,
  type ImapForm,
  type ImapOAuthGrant,
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

const MASKED = { WebkitTextSecurity: 'disc' } as React.CSSProperties;

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
  const serviceAccount = form.oauthGrant === 'jwt_bearer';
  // A stored secret belongs to the grant it was stored with (another grant needs its own).
  const oauthSecretSet = storedSecretFits(form, props.stored);
  const provider = serviceAccount ? GOOGLE_WORKSPACE_OAUTH : MICROSOFT_365_OAUTH;
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
          <Field label={m.oauthGrant} className={styles.wide}>
            <RadioGroup
              value={form.oauthGrant}
              disabled={disabled}
              onChange={(_, d) => props.onChange({ ...form, oauthGrant: d.value as ImapOAuthGrant })}
            >
              <Radio value="client_credentials" label={m.oauthGrantClient} />
              <Radio value="jwt_bearer" label={m.oauthGrantServiceAccount} />
            </RadioGroup>
          </Field>
          <Field
            label={m.oauthTokenUrl}
            required
            hint={serviceAccount ? m.oauthTokenUrlHintGoogle : m.oauthTokenUrlHint}
            validationMessage={props.errors?.tokenUrl}
            className={styles.wide}
          >
            <Input
              value={form.oauthTokenUrl}
              placeholder={provider.tokenUrl}
              onChange={set('oauthTokenUrl')}
              disabled={disabled}
              className={lockedClass}
            />
          </Field>
          <Field
            label={serviceAccount ? m.oauthServiceAccount : m.oauthClientId}
            required
            validationMessage={props.errors?.clientId}
          >
            <Input
              value={form.oauthClientId}
              autoComplete="off"
              onChange={set('oauthClientId')}
              disabled={disabled}
              className={lockedClass}
            />
          </Field>
          {serviceAccount ? (
            <Field
              label={oauthSecretSet ? m.oauthNewPrivateKey : m.oauthPrivateKey}
              required={!oauthSecretSet}
              hint={oauthSecretSet ? m.oauthPrivateKeyStored : m.oauthPrivateKeyHint}
              validationMessage={props.errors?.clientSecret}
              className={styles.wide}
            >
              <Textarea
                value={form.oauthClientSecret}
                onChange={(_, d) => props.onChange(withServiceAccountKey(form, d.value))}
                rows={3}
                spellCheck={false}
                disabled={disabled}
                className={lockedClass}
                // Masked like the password fields: a key on screen is a key over someone's shoulder.
                textarea={{ style: MASKED }}
              />
            </Field>
          ) : (
            <Field
              label={oauthSecretSet ? m.oauthNewClientSecret : m.oauthClientSecret}
              required={!oauthSecretSet}
              hint={oauthSecretSet ? m.oauthClientSecretStored : undefined}
              validationMessage={props.errors?.clientSecret}
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
          )}
          <Field
            label={m.oauthScope}
            required
            hint={serviceAccount ? m.oauthScopeHintGoogle : m.oauthScopeHint}
            validationMessage={props.errors?.scope}
          >
            <Input
              value={form.oauthScope}
              placeholder={provider.scope}
              onChange={set('oauthScope')}
              disabled={disabled}
              className={lockedClass}
            />
          </Field>
        </>
      )}
      {(
        [
          ['archiveFolderName', m.archiveFolderName, m.archiveFolderHint],
          ['junkFolderName', m.junkFolderName, m.junkFolderHint],
          ['trashFolderName', m.trashFolderName, m.trashFolderHint],
        ] as const
      ).map(([key, label, hint]) => (
        <Field key={key} label={label} hint={hint}>
          <Input value={form[key]} onChange={set(key)} disabled={disabled} className={lockedClass} />
        </Field>
      ))}
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
