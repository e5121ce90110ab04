// External participants no contact matched, each with "Add as contact".
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { ContactCard } from '../../../shared/api/contacts.js';
import type { ApiClient } from '../../api/client.js';
import { useI18n } from '../../i18n/context.js';
import type { Participant } from '../logic/participants.js';
import { useShowDialog } from '../state/dialogHost.js';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  row: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
  who: { display: 'flex', flexDirection: 'column', minWidth: 0, overflowWrap: 'anywhere' },
  address: { color: tokens.colorNeutralForeground3 },
});

export function UnknownAddresses(props: {
  api: ApiClient;
  addresses: string[];
  participants: Participant[];
  onCreated: (contact: ContactCard) => void;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const headingId = useId();
  const showDialog = useShowDialog();
  const nameOf = (address: string) => props.participants.find((p) => p.address === address)?.name ?? '';
  // In the pane's dialog host: creating the contact removes this section (the address is known now).
  const add = (participant: Participant) =>
    showDialog(({ open, close, dialogs }) => (
      <dialogs.AddContactDialog
        open={open}
        api={props.api}
        participant={participant}
        onClose={close}
        onCreated={(contact) => {
          close();
          props.onCreated(contact);
        }}
      />
    ));
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Text as="h2" weight="semibold" size={400} id={headingId}>
        {t.unknown.title}
      </Text>
      <ul className={styles.list}>
        {props.addresses.map((address) => (
          <li key={address} className={styles.row}>
            <span className={styles.who}>
              {nameOf(address) && <Text>{nameOf(address)}</Text>}
              <Text size={200} className={styles.address}>
                {address}
              </Text>
            </span>
            <Button
              size="small"
              aria-label={t.unknown.addAsContactFor(address)}
              onClick={() => add({ address, name: nameOf(address) })}
            >
              {t.unknown.addAsContact}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
