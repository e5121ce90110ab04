// Step 2: the app registration in Microsoft Entra ID: app-only or delegated access (with the Graph permission
// each needs), tenant and client id, a client secret or a certificate, and the redirect URL to copy. The job
// account signs in on the next step (the sign-in belongs to a shared mailbox's setup).
import {
  Field,
  Input,
  Radio,
  RadioGroup,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { LoggingSetupView } from '../../../../shared/api/loggingSetup.js';
import { CodeBlock } from '../../components/CodeBlock.js';
import { Notice } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';
import type { ConnectionForm } from '../logging/setupForm.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '720px' },
  permission: { color: tokens.colorNeutralForeground2, paddingLeft: tokens.spacingHorizontalXXL },
});

export function AppStep(props: {
  form: ConnectionForm;
  onChange: (form: ConnectionForm) => void;
  stored: LoggingSetupView | null;
  redirectUrl: string;
}) {
  const { t } = useAdminI18n();
  const a = t.wizard.app;
  const styles = useStyles();
  const { form } = props;
  const set = (key: keyof ConnectionForm) => (_: unknown, d: { value: string }) =>
    props.onChange({ ...form, [key]: d.value });

  return (
    <div className={styles.form}>
      <Text block>{a.intro}</Text>
      <Field label={a.mode}>
        <RadioGroup
          value={form.authMode}
          onChange={(_, d) => props.onChange({ ...form, authMode: d.value as ConnectionForm['authMode'] })}
        >
          <Radio value="app" label={a.appOnly} />
          <Text size={200} className={styles.permission}>
            {a.appOnlyPermission}
          </Text>
          <Radio value="delegated" label={a.delegated} />
          <Text size={200} className={styles.permission}>
            {a.delegatedPermission}
          </Text>
        </RadioGroup>
      </Field>
      <Field label={a.tenantId} required>
        <Input value={form.tenantId} onChange={set('tenantId')} />
      </Field>
      <Field label={a.clientId} required>
        <Input value={form.clientId} onChange={set('clientId')} />
      </Field>
      <Field label={a.credential}>
        <RadioGroup
          layout="horizontal"
          value={form.credential}
          onChange={(_, d) =>
            props.onChange({ ...form, credential: d.value as ConnectionForm['credential'] })
          }
        >
          <Radio value="secret" label={a.secret} />
          <Radio value="certificate" label={a.certificate} />
        </RadioGroup>
      </Field>
      {form.credential === 'secret' ? (
        <Field label={a.secret} hint={props.stored?.clientSecret === 'set' ? a.secretStored : undefined}>
          <Input
            type="password"
            value={form.clientSecret}
            onChange={set('clientSecret')}
            autoComplete="off"
          />
        </Field>
      ) : (
        <>
          <Field label={a.thumbprint} required>
            <Input value={form.certificateThumbprint} onChange={set('certificateThumbprint')} />
          </Field>
          <Field label={a.privateKey} hint={props.stored?.certificateKey === 'set' ? a.keyStored : undefined}>
            <Textarea value={form.certificateKey} onChange={set('certificateKey')} rows={4} />
          </Field>
        </>
      )}
      <Field label={a.redirectUrl}>
        <CodeBlock text={props.redirectUrl} label={a.redirectUrl} />
      </Field>
      {form.authMode === 'delegated' && <Notice intent="info">{a.signInLater}</Notice>}
    </div>
  );
}
