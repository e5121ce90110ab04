// "Email logging" (Business Central's page, per shared mailbox): pick a mailbox, then the setup card with
// Enabled, Validate setup, Run now, Renew token and Clear setup. Several mailboxes are supported.
import { Button, Field, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { AdminClient } from '../../api/adminClient.js';
import { Empty, ErrorBar, Loading, PageHeader } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';
import { useLoad } from '../../state/useLoad.js';
import type { Route } from '../../state/useRoute.js';
import { MailboxSetup } from './MailboxSetup.js';

const useStyles = makeStyles({
  picker: { maxWidth: '420px', marginBottom: tokens.spacingVerticalL },
});

export function LoggingPage(props: { api: AdminClient; go: (route: Route) => void; mailbox: string | null }) {
  const { t } = useAdminI18n();
  const styles = useStyles();
  const setups = useLoad(() => props.api.setups(), [props.api]);
  const items = setups.data?.items ?? [];
  const selected = items.find((s) => s.mailbox === props.mailbox) ?? items[0] ?? null;

  return (
    <>
      <PageHeader title={t.logging.title}>
        <Button onClick={() => props.go({ page: 'wizard', mailbox: null })}>{t.logging.add}</Button>
      </PageHeader>
      {setups.error !== null && <ErrorBar error={setups.error} onRetry={setups.reload} />}
      {setups.loading && !setups.data && <Loading />}
      {setups.data && items.length === 0 && <Empty text={t.logging.none} />}
      {selected && (
        <>
          <Field label={t.logging.mailbox} className={styles.picker}>
            <Select
              value={selected.mailbox}
              onChange={(_, d) => props.go({ page: 'logging', mailbox: d.value })}
            >
              {items.map((s) => (
                <option key={s.mailbox} value={s.mailbox}>
                  {s.mailbox}
                </option>
              ))}
            </Select>
          </Field>
          <MailboxSetup key={selected.mailbox} api={props.api} initial={selected} onChanged={setups.reload} />
        </>
      )}
    </>
  );
}
