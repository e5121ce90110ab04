// The selected contact's open opportunities and "Create opportunity".
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { OpportunitySummary } from '../../../shared/api/opportunities.js';
import { useI18n } from '../../i18n/context.js';
import { formatAmount, formatCalendarDate } from '../../i18n/format.js';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  item: { display: 'flex', flexDirection: 'column' },
  meta: { color: tokens.colorNeutralForeground3 },
  empty: { color: tokens.colorNeutralForeground3 },
});

export function OpportunitySection(props: {
  opportunities: OpportunitySummary[];
  canCreate: boolean;
  onCreate: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const headingId = useId();
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Text as="h2" weight="semibold" size={400} id={headingId}>
        {t.opportunities.title}
      </Text>
      {props.opportunities.length === 0 ? (
        <Text size={200} className={styles.empty}>
          {t.opportunities.empty}
        </Text>
      ) : (
        <ul className={styles.list}>
          {props.opportunities.map((o) => {
            const meta = [
              o.number,
              o.estimatedValue !== null ? formatAmount(o.estimatedValue, i18n) : null,
              o.expectedCloseDate
                ? t.opportunities.closes(formatCalendarDate(o.expectedCloseDate, i18n))
                : null,
            ].filter(Boolean);
            return (
              <li key={o.number} className={styles.item}>
                <Text>{o.description}</Text>
                <Text size={200} className={styles.meta}>
                  {meta.join(' · ')}
                </Text>
              </li>
            );
          })}
        </ul>
      )}
      <Button disabled={!props.canCreate} onClick={props.onCreate}>
        {t.opportunities.create}
      </Button>
    </section>
  );
}
