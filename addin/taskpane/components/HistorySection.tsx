// The selected contact's interaction log entries, newest first, with more pages on scroll, and the dialogs
// its entries open (view mail, create opportunity, link to an opportunity).
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { Me } from '../../../shared/api/config.js';
import type { ContactCard } from '../../../shared/api/contacts.js';
import type { InteractionSummary } from '../../../shared/api/interactions.js';
import type { Opportunity, OpportunitySummary } from '../../../shared/api/opportunities.js';
import type { ApiClient } from '../../api/client.js';
import { useI18n } from '../../i18n/context.js';
import type { OfficeHost } from '../../office/types.js';
import { entryActions, type EntryAction } from '../logic/entry-actions.js';
import { useShowDialog, type DialogRender } from '../state/dialogHost.js';
import { useHistory } from '../state/useHistory.js';
import { ErrorBar } from './feedback.js';
import { HistoryEntry } from './HistoryEntry.js';
import { ScrollSentinel } from './ScrollSentinel.js';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: { listStyleType: 'none', margin: 0, padding: 0 },
  empty: { color: tokens.colorNeutralForeground3 },
});

export function HistorySection(props: {
  api: ApiClient;
  host: OfficeHost;
  me: Me;
  contact: ContactCard;
  recent: InteractionSummary[];
  openOpportunities: OpportunitySummary[];
  /** Entries of the mail open in Outlook, marked "This email". */
  thisEmailEntries: Set<number>;
  onOpportunityCreated: (opportunity: Opportunity) => void;
  onLinked: (entry: InteractionSummary) => void;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const headingId = useId();
  const history = useHistory(props.api, props.contact.number, props.recent);
  const showDialog = useShowDialog();
  // In the pane's dialog host: this section is remounted for another contact or mail item.
  const entryDialog =
    (action: EntryAction, entry: InteractionSummary): DialogRender =>
    ({ open, close, dialogs }) => {
      switch (action) {
        case 'view-mail':
          return (
            <dialogs.ViewMailDialog
              open={open}
              api={props.api}
              entryNumber={entry.entryNumber}
              onClose={close}
            />
          );
        case 'open-mail':
          return (
            <dialogs.OpenMailDialog
              open={open}
              api={props.api}
              host={props.host}
              entry={entry}
              linkLostHelp={props.me.linkLostHelp}
              onClose={close}
            />
          );
        case 'create-opportunity':
          return (
            <dialogs.CreateOpportunityDialog
              open={open}
              api={props.api}
              contact={props.contact}
              source={{ fromEntryNumber: entry.entryNumber }}
              defaults={{
                description: entry.subject,
                salespersonCode: entry.salespersonCode ?? props.me.salespersonCode,
              }}
              onClose={close}
              onCreated={(opportunity) => {
                close();
                props.onOpportunityCreated(opportunity);
              }}
            />
          );
        case 'link-opportunity':
          return (
            <dialogs.LinkOpportunityDialog
              open={open}
              api={props.api}
              entry={entry}
              opportunities={props.openOpportunities}
              onClose={close}
              onLinked={(linked) => {
                close();
                props.onLinked(linked);
              }}
            />
          );
      }
    };
  const context = {
    privacyBlocked: props.contact.privacyBlocked,
    openOpportunities: props.openOpportunities.length,
  };

  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Text as="h2" weight="semibold" size={400} id={headingId}>
        {t.history.title}
      </Text>
      {history.items.length === 0 && !history.hasMore ? (
        <Text size={200} className={styles.empty}>
          {t.history.empty}
        </Text>
      ) : (
        <ul className={styles.list} aria-busy={history.loading}>
          {history.items.map((entry) => (
            <HistoryEntry
              key={entry.entryNumber}
              entry={entry}
              isThisEmail={props.thisEmailEntries.has(entry.entryNumber)}
              actions={entryActions(entry, context)}
              onAction={(action, e) => showDialog(entryDialog(action, e))}
            />
          ))}
        </ul>
      )}
      {history.error !== null && <ErrorBar error={history.error} onRetry={history.loadMore} />}
      {history.hasMore && (
        <>
          <ScrollSentinel enabled={!history.loading && history.error === null} onVisible={history.loadMore} />
          <Button appearance="subtle" onClick={history.loadMore} disabled={history.loading}>
            {history.loading ? t.history.loadingMore : t.history.more}
          </Button>
        </>
      )}
    </section>
  );
}
