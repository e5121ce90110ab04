// Step 1's first question (issue 14): is the logging mailbox in Microsoft 365 (read through Graph, prepared in
// Exchange Online) or on an IMAP server (Exchange on-premises, Google Workspace, any host)? For IMAP the step
// says what the mail server must do; there are no Exchange Online commands to confirm.
import { Field, Radio, RadioGroup, Text } from '@fluentui/react-components';
import { useAdminI18n } from '../../i18n/context.js';
import type { ConnectionForm } from '../logging/setupForm.js';

export function ProviderChoice(props: {
  provider: ConnectionForm['provider'];
  onChange: (provider: ConnectionForm['provider']) => void;
}) {
  const { t } = useAdminI18n();
  return (
    <Field label={t.imap.provider}>
      <RadioGroup
        layout="horizontal"
        value={props.provider}
        onChange={(_, d) => props.onChange(d.value as ConnectionForm['provider'])}
      >
        <Radio value="graph" label={t.imap.graph} />
        <Radio value="imap" label={t.imap.imap} />
      </RadioGroup>
    </Field>
  );
}

export function ImapPrepare() {
  const { t } = useAdminI18n();
  return (
    <>
      <Text block>{t.imap.prepare}</Text>
      <Text block>{t.imap.prepareFolders}</Text>
    </>
  );
}
