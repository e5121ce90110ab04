// One interaction log entry: direction, date and time, subject, salesperson, state badges and its actions. An
// entry the server shows as metadata only (someone else's, visibility model `owner`) is a "Conversation with
// <salesperson>" row without actions; mail its sender marked Private has no subject to show.
import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { InteractionSummary } from '../../../shared/api/interactions.js';
import { useI18n } from '../../i18n/context.js';
import type { EntryAction } from '../logic/entry-actions.js';
import { formatDateTime } from '../../i18n/format.js';
import { InboundIcon, MoreIcon, OutboundIcon } from './icons.js';

const useStyles = makeStyles({
  row: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr auto',
    columnGap: tokens.spacingHorizontalS,
    alignItems: 'start',
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  icon: { paddingTop: '2px', color: tokens.colorNeutralForeground2 },
  body: { display: 'flex', flexDirection: 'column', minWidth: 0, overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground3 },
  badges: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    marginTop: tokens.spacingVerticalXXS,
  },
  canceled: { textDecorationLine: 'line-through' },
  actions: {
    gridColumn: '2 / 4',
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    marginTop: tokens.spacingVerticalXS,
  },
});

export function HistoryEntry(props: {
  entry: InteractionSummary;
  isThisEmail: boolean;
  /** Actions offered for this entry (already filtered by its state). */
  actions: EntryAction[];
  onAction: (action: EntryAction, entry: InteractionSummary) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const { entry } = props;
  const [expanded, setExpanded] = useState(false);
  const actionsId = useId();
  const direction = entry.direction === 'inbound' ? t.history.inbound : t.history.outbound;
  const salesperson = entry.salespersonName ?? entry.salespersonCode;
  const metadataOnly = entry.visibility === 'metadata';
  const subject = metadataOnly
    ? t.history.conversationWith(salesperson ?? t.history.someone)
    : entry.subject || (entry.sensitive ? t.history.sensitive : t.history.noSubject);
  const labels: Record<EntryAction, string> = {
    'view-mail': t.viewMail.action,
    'open-mail': t.openMail.action,
    'create-opportunity': t.opportunities.create,
    'link-opportunity': t.opportunities.link,
  };

  return (
    <li className={styles.row}>
      <span className={styles.icon}>
        {entry.direction === 'inbound' ? <InboundIcon /> : <OutboundIcon />}
      </span>
      <div className={styles.body}>
        <Text
          weight={metadataOnly ? 'regular' : 'semibold'}
          italic={metadataOnly}
          className={entry.canceled ? styles.canceled : undefined}
        >
          {subject}
        </Text>
        <Text size={200} className={styles.meta}>
          {direction} · <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, i18n)}</time>
          {entry.template && (
            // The interaction template it was logged with: its description, quietly, after the date.
            <>
              {' · '}
              <span data-testid="entry-template">{entry.template.description}</span>
            </>
          )}
        </Text>
        {salesperson && !metadataOnly && (
          <Text size={200} className={styles.meta}>
            {t.history.salesperson(salesperson)}
          </Text>
        )}
        {(entry.canceled ||
          entry.opportunityNumber ||
          props.isThisEmail ||
          entry.private ||
          entry.linkLostAt) && (
          <div className={styles.badges}>
            {entry.private && (
              <Badge appearance="outline" color="informative" size="small">
                {t.history.private}
              </Badge>
            )}
            {props.isThisEmail && (
              <Badge appearance="tint" color="brand" size="small">
                {t.history.thisEmail}
              </Badge>
            )}
            {entry.opportunityNumber && (
              <Badge appearance="outline" size="small">
                {t.history.opportunity(entry.opportunityNumber)}
              </Badge>
            )}
            {entry.linkLostAt && (
              <Badge appearance="outline" color="warning" size="small">
                {t.history.linkLost}
              </Badge>
            )}
            {entry.canceled && (
              <Badge appearance="tint" color="danger" size="small">
                {t.history.canceled}
              </Badge>
            )}
          </div>
        )}
      </div>
      {props.actions.length > 0 && (
        // A disclosure, not a menu: the actions stay in the tab order and need no popup positioning.
        <Button
          appearance="subtle"
          size="small"
          icon={<MoreIcon />}
          aria-label={t.history.entryActions(subject)}
          aria-expanded={expanded}
          aria-controls={actionsId}
          onClick={() => setExpanded((x) => !x)}
        />
      )}
      {expanded && (
        <div
          id={actionsId}
          className={styles.actions}
          role="group"
          aria-label={t.history.entryActions(subject)}
        >
          {props.actions.map((action) => (
            <Button key={action} size="small" onClick={() => props.onAction(action, entry)}>
              {labels[action]}
            </Button>
          ))}
        </div>
      )}
    </li>
  );
}
