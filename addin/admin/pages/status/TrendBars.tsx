// Logged mail per day as a plain bar list: one row per day, the bar's length relative to the busiest day.
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { LoggedDay } from '../../../../shared/api/adminViews.js';
import { formatCalendarDate } from '../../../i18n/format.js';
import { useAdminI18n } from '../../i18n/context.js';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  row: { display: 'grid', gridTemplateColumns: '120px 1fr 48px', alignItems: 'center', gap: '8px' },
  track: { height: '14px', backgroundColor: tokens.colorNeutralBackground3, borderRadius: '2px' },
  bar: { height: '100%', backgroundColor: tokens.colorBrandBackground, borderRadius: '2px' },
  count: { textAlign: 'right' },
});

export function TrendBars(props: { days: LoggedDay[] }) {
  const { t, locale } = useAdminI18n();
  const styles = useStyles();
  const max = Math.max(1, ...props.days.map((d) => d.messages));
  return (
    <ul className={styles.list} data-testid="trend">
      {props.days.map((d) => {
        const date = formatCalendarDate(d.date, { locale });
        return (
          <li key={d.date} className={styles.row} title={t.status.trendDay(date, d.messages, d.entries)}>
            <Text size={200}>{date}</Text>
            <div className={styles.track} aria-hidden>
              <div className={styles.bar} style={{ width: `${(100 * d.messages) / max}%` }} />
            </div>
            <Text
              size={200}
              className={styles.count}
              aria-label={t.status.trendDay(date, d.messages, d.entries)}
            >
              {d.messages}
            </Text>
          </li>
        );
      })}
    </ul>
  );
}
