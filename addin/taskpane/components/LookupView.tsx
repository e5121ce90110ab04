// Everything shown for one mail item once the lookup answered: log state, contact, unknown senders,
// opportunities and history. Keyed by item by its parent, so per-item state starts fresh on every item.
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { Me } from '../../../shared/api/config.js';
import type { InteractionSummary } from '../../../shared/api/interactions.js';
import type { LookupResponse } from '../../../shared/api/lookup.js';
import type { OpportunitySummary } from '../../../shared/api/opportunities.js';
import type { ApiClient } from '../../api/client.js';
import { useI18n } from '../../i18n/context.js';
import type { MailItem, OfficeHost } from '../../office/types.js';
import { toMessageRef } from '../logic/message-ref.js';
import { opportunitySource } from '../logic/opportunity-source.js';
import type { Participant } from '../logic/participants.js';
import { preloadDialogs, useShowDialog } from '../state/dialogHost.js';
import { ContactSection } from './ContactSection.js';
import { HistorySection } from './HistorySection.js';
import { LogEmailBar } from './LogEmailBar.js';
import { OpportunitySection } from './OpportunitySection.js';
import { UnknownAddresses } from './UnknownAddresses.js';

const NO_ENTRIES: InteractionSummary[] = [];
const NO_OPPORTUNITIES: OpportunitySummary[] = [];

const useStyles = makeStyles({
  hint: { color: tokens.colorNeutralForeground3 },
});

export function LookupView(props: {
  api: ApiClient;
  host: OfficeHost;
  me: Me;
  item: MailItem;
  data: LookupResponse;
  participants: Participant[];
  /** Something changed on the server: look up again. */
  onChanged: () => void;
  notify: (text: string) => void;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const { data, item } = props;
  const [selectedNumber, setSelectedNumber] = useState<string | null>(null);
  const showDialog = useShowDialog();
  const contact = data.contacts.find((c) => c.number === selectedNumber) ?? data.contacts[0] ?? null;
  const messageRef = item.kind === 'read' ? toMessageRef(item) : null;
  const thisEmailEntries = useMemo(() => new Set(data.logged.entries.map((e) => e.entryNumber)), [data]);
  const openOpportunities = (contact && data.openOpportunities[contact.number]) || NO_OPPORTUNITIES;
  // The history is on screen (or on its way): the dialogs its buttons open can be fetched now.
  useEffect(preloadDialogs, []);

  return (
    <>
      {item.kind === 'read' && data.contacts.length === 0 && !data.logged.isLogged ? (
        // Nothing to log it for: the server would refuse (nothing_to_log); the unknown addresses below can be added.
        <Text size={200} className={styles.hint}>
          {t.log.noContact}
        </Text>
      ) : item.kind === 'read' ? (
        <LogEmailBar
          api={props.api}
          item={item}
          logged={data.logged}
          onLogged={(result) => {
            props.notify(result.status === 'logged' ? t.log.done : t.log.alreadyLogged);
            props.onChanged();
          }}
        />
      ) : (
        <Text size={200} className={styles.hint}>
          {t.item.composeHint}
        </Text>
      )}
      {contact && <ContactSection contacts={data.contacts} selected={contact} onSelect={setSelectedNumber} />}
      {data.unknownAddresses.length > 0 && (
        <UnknownAddresses
          api={props.api}
          addresses={data.unknownAddresses}
          participants={props.participants}
          onCreated={(created) => {
            props.notify(t.unknown.created(created.number));
            setSelectedNumber(created.number);
            props.onChanged();
          }}
        />
      )}
      {contact && (
        <OpportunitySection
          opportunities={openOpportunities}
          canCreate={!contact.privacyBlocked}
          onCreate={() =>
            showDialog(({ open, close, dialogs }) => (
              <dialogs.CreateOpportunityDialog
                open={open}
                api={props.api}
                contact={contact}
                source={opportunitySource(data, contact.number, messageRef)}
                defaults={{ description: item.subject, salespersonCode: props.me.salespersonCode }}
                onClose={close}
                onCreated={(o) => {
                  close();
                  props.notify(t.opportunities.created(o.number));
                  props.onChanged();
                }}
              />
            ))
          }
        />
      )}
      {contact && (
        <HistorySection
          key={contact.number}
          api={props.api}
          host={props.host}
          me={props.me}
          contact={contact}
          recent={data.recentInteractions[contact.number] ?? NO_ENTRIES}
          openOpportunities={openOpportunities}
          thisEmailEntries={thisEmailEntries}
          onOpportunityCreated={(o) => {
            props.notify(t.opportunities.created(o.number));
            props.onChanged();
          }}
          onLinked={(entry) => {
            props.notify(t.opportunities.linked(entry.opportunityNumber ?? ''));
            props.onChanged();
          }}
        />
      )}
    </>
  );
}
