// The deployment's data retention: entries older than N months are deleted by a background job (empty: off),
// with what its last run did, so an admin sees that it works (and that it is still going on a large history).
import { Button, Card, Field, Input, Subtitle1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { formatDateTime } from '../../../i18n/format.js';
import type { AdminClient } from '../../api/adminClient.js';
import { ErrorBar, Loading, Notice } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';
import { useAction, useLoad } from '../../state/useLoad.js';

const useStyles = makeStyles({
  card: { maxWidth: '720px', marginBottom: tokens.spacingVerticalL },
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
});

export function RetentionCard(props: { api: AdminClient }) {
  const { t, locale } = useAdminI18n();
  const r = t.retention;
  const styles = useStyles();
  const loaded = useLoad(() => props.api.retention(), [props.api]);
  const save = useAction();
  const [months, setMonths] = useState('');
  const [saved, setSaved] = useState(false);
  const view = loaded.data;
  useEffect(() => setMonths(view?.months ? String(view.months) : ''), [view]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    void save.run(async () => {
      await props.api.putRetention({ months: months.trim() === '' ? null : Number(months) });
      setSaved(true);
      loaded.reload();
    });
  };

  return (
    <Card className={styles.card} data-testid="retention">
      <Subtitle1 as="h2">{r.title}</Subtitle1>
      <Text>{r.intro}</Text>
      {loaded.error !== null && <ErrorBar error={loaded.error} onRetry={loaded.reload} />}
      {!view && loaded.loading && <Loading />}
      {view && (
        <>
          <Text>
            {view.months ? r.on(view.months) : r.off}{' '}
            {view.lastRun &&
              r.lastRun(
                formatDateTime(view.lastRun.startedAt, { locale }),
                view.lastRun.deleted,
                view.lastRun.more,
              )}{' '}
            {view.totalDeleted > 0 && r.total(view.totalDeleted)}
          </Text>
          <form className={styles.row} onSubmit={submit}>
            <Field label={r.months}>
              <Input
                type="number"
                min={1}
                max={600}
                value={months}
                onChange={(_, d) => setMonths(d.value)}
                size="small"
              />
            </Field>
            <Button type="submit" disabled={save.pending}>
              {r.save}
            </Button>
          </form>
        </>
      )}
      {save.error != null && <ErrorBar error={save.error} />}
      {saved && (
        <Notice onDismiss={() => setSaved(false)}>
          <span role="status">{r.saved}</span>
        </Notice>
      )}
    </Card>
  );
}
