// Where the mailbox's logged mail is archived now and how full that folder is against Exchange Online's limits
// (server/domain/archiveCapacity.ts decides the level; the reasons come with it).
import { Badge, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ArchiveStatusView } from '../../../../shared/api/adminViews.js';
import { formatDateTime } from '../../../i18n/format.js';
import { useAdminI18n } from '../../i18n/context.js';

const useStyles = makeStyles({
  line: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
});

const COLOR = { ok: 'success', warning: 'warning', critical: 'danger' } as const;

export function ArchiveCapacity(props: { archive: ArchiveStatusView }) {
  const { t, locale } = useAdminI18n();
  const s = t.status.archive;
  const a = props.archive;
  const styles = useStyles();
  return (
    <div>
      <div className={styles.line}>
        <Text weight="semibold">{a.folder}</Text>
        <Badge appearance="tint" color={COLOR[a.level]}>
          {s.levels[a.level]}
        </Badge>
        {a.itemCount !== null && <Text>{s.items(a.itemCount)}</Text>}
        <Text size={200}>{s.checked(formatDateTime(a.checkedAt, { locale }))}</Text>
      </div>
      {a.reasons.length > 0 && (
        <ul>
          {a.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
