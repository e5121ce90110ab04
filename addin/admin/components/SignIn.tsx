// What the console shows before it can show pages: the development sign-in form, the Entra sign-in button, and
// the "not an admin" state after the server answered 403.
import {
  Button,
  Card,
  CardHeader,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Text,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { DevAccounts } from '../../../shared/api/config.js';
import { useAdminI18n } from '../i18n/context.js';

const useStyles = makeStyles({
  card: { maxWidth: '520px', margin: `${tokens.spacingVerticalXXL} auto` },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  accounts: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  account: { justifyContent: 'flex-start', textAlign: 'left', width: '100%' },
});

export function DevSignIn(props: { accounts: DevAccounts['accounts']; onSignIn: (email: string) => void }) {
  const { t } = useAdminI18n();
  const styles = useStyles();
  const [email, setEmail] = useState('');
  const valid = /^[^\s@]+@[^\s@]+$/.test(email.trim());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) props.onSignIn(email.trim());
  };
  return (
    <Card className={styles.card}>
      <CardHeader header={<Title3 as="h1">{t.auth.devTitle}</Title3>} />
      <form className={styles.form} onSubmit={submit}>
        <Text>{t.auth.devBody}</Text>
        {props.accounts.length > 0 && (
          <ul className={styles.accounts} aria-label={t.auth.devAccounts}>
            {props.accounts.map((a) => (
              <li key={a.email}>
                <Button
                  appearance="subtle"
                  className={styles.account}
                  onClick={() => props.onSignIn(a.email)}
                >
                  <span>
                    <Text weight="semibold">{a.name || a.email}</Text>{' '}
                    <Text size={200}>{t.auth.devRoles(a.roles, a.salespersonCode)}</Text>
                    {a.name && (
                      <Text size={200} block>
                        {a.email}
                      </Text>
                    )}
                  </span>
                </Button>
              </li>
            ))}
          </ul>
        )}
        <Field label={t.auth.devEmail} required>
          <Input type="email" value={email} onChange={(_, d) => setEmail(d.value)} autoFocus />
        </Field>
        <Button appearance="primary" type="submit" disabled={!valid}>
          {t.auth.signIn}
        </Button>
      </form>
    </Card>
  );
}

export function SignedOut(props: { signingIn: boolean; cancelled: boolean; onSignIn: () => void }) {
  const { t } = useAdminI18n();
  const styles = useStyles();
  return (
    <Card className={styles.card}>
      <CardHeader header={<Title3 as="h1">{t.auth.signInTitle}</Title3>} />
      <div className={styles.form}>
        <Text>{t.auth.signInBody}</Text>
        <Button appearance="primary" disabled={props.signingIn} onClick={props.onSignIn}>
          {t.auth.signIn}
        </Button>
      </div>
    </Card>
  );
}

export function NotAdmin(props: { email: string; onOtherAccount?: () => void }) {
  const { t } = useAdminI18n();
  const styles = useStyles();
  return (
    <Card className={styles.card} data-testid="not-admin">
      <MessageBar intent="error" layout="multiline" role="alert">
        <MessageBarBody>
          <Title3 as="h1" block>
            {t.auth.notAdminTitle}
          </Title3>
          {t.auth.notAdminBody(props.email)}
        </MessageBarBody>
      </MessageBar>
      {props.onOtherAccount && <Button onClick={props.onOtherAccount}>{t.auth.otherAccount}</Button>}
    </Card>
  );
}
