// "Log this email" for the open (read-mode) mail, or its "Logged" state. The button is disabled while the call
// runs and a single-flight guard drops extra clicks, so a double click logs once (the server is idempotent too).
import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { LogEmailResponse, LoggedEntry } from '../../../shared/api/messages.js';
import type { ApiClient } from '../../api/client.js';
import { useI18n } from '../../i18n/context.js';
import type { ReadMessage } from '../../office/types.js';
import { toMessageRef } from '../logic/message-ref.js';
import { useSingleFlight } from '../state/useSingleFlight.js';
import { ErrorBar } from './feedback.js';

const useStyles = makeStyles({
  bar: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  logged: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  hint: { color: tokens.colorNeutralForeground3 },
});

export function LogEmailBar(props: {
  api: ApiClient;
  item: ReadMessage;
  logged: { isLogged: boolean; entries: LoggedEntry[] };
  onLogged: (result: LogEmailResponse) => void;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const { pending, run } = useSingleFlight();
  const [result, setResult] = useState<LogEmailResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const ref = toMessageRef(props.item);
  const entries = result?.entries ?? props.logged.entries;

  if (props.logged.isLogged || result) {
    const contacts = new Set(entries.map((e) => e.contactNumber)).size;
    return (
      <div className={styles.logged} role="status">
        <Badge appearance="filled" color="success">
          {t.log.logged}
        </Badge>
        <Text size={200}>{t.log.loggedFor(contacts)}</Text>
      </div>
    );
  }

  const log = () =>
    run(async () => {
      if (!ref) return;
      setError(null);
      try {
        const answer = await props.api.logEmail(ref);
        setResult(answer);
        props.onLogged(answer);
      } catch (e) {
        setError(e);
      }
    });

  return (
    <div className={styles.bar}>
      <Button appearance="primary" disabled={pending || !ref} onClick={() => void log()}>
        {pending ? t.log.logging : t.log.logThis}
      </Button>
      {!ref && (
        <Text size={200} className={styles.hint}>
          {t.log.noMessageId}
        </Text>
      )}
      {error !== null && <ErrorBar error={error} onRetry={() => void log()} />}
    </div>
  );
}
