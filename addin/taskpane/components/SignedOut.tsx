// Shown when no token can be had silently: a Sign in button (popups and dialogs need a user gesture).
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useI18n } from '../../i18n/context.js';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, alignItems: 'flex-start' },
});

export function SignedOut(props: { signingIn: boolean; cancelled: boolean; onSignIn: () => void }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <section className={styles.box} aria-labelledby="interlog-signin-title">
      <Text as="h1" size={500} weight="semibold" id="interlog-signin-title">
        {t.auth.signedOutTitle}
      </Text>
      <Text as="p" block>
        {t.auth.signedOutBody}
      </Text>
      {props.cancelled && (
        <Text as="p" block role="status">
          {t.auth.cancelled}
        </Text>
      )}
      <Button appearance="primary" disabled={props.signingIn} onClick={props.onSignIn}>
        {props.signingIn ? t.auth.signingIn : t.auth.signIn}
      </Button>
    </section>
  );
}
