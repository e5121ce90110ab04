// The selected contact's card, with a picker when the mail has several known contacts.
import {
  Badge,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, type ReactNode } from 'react';
import type { ContactCard } from '../../../shared/api/contacts.js';
import { useI18n } from '../../i18n/context.js';
import { Address } from '../../ui/Address.js';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  // A native select is as wide as its longest option ("Name (long.address@example.com)"): let it shrink to the
  // pane instead of making the whole pane scroll sideways.
  picker: { minWidth: 0 },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
  },
  header: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  details: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' },
});

export function ContactSection(props: {
  contacts: ContactCard[];
  selected: ContactCard;
  onSelect: (number: string) => void;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const headingId = useId();
  const { selected } = props;
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Text as="h2" weight="semibold" size={400} id={headingId}>
        {t.contacts.title}
      </Text>
      {props.contacts.length > 1 && (
        <Field label={t.contacts.picker}>
          {/* A native select: light, and every platform's screen reader knows it. */}
          <Select
            className={styles.picker}
            value={selected.number}
            onChange={(_, data) => props.onSelect(data.value)}
          >
            {props.contacts.map((c) => (
              <option key={c.number} value={c.number}>
                {c.email ? `${c.name} (${c.email})` : c.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <div className={styles.card} role="group" aria-label={selected.name}>
        <div className={styles.header}>
          <Text weight="semibold">{selected.name}</Text>
          <Badge appearance="tint" size="small">
            {selected.kind === 'company' ? t.contacts.company : t.contacts.person}
          </Badge>
          <Text size={200} className={styles.term}>
            {selected.number}
          </Text>
        </div>
        <dl className={styles.details}>
          {selected.companyName && <Detail term={t.contacts.companyLabel} value={selected.companyName} />}
          {selected.email && (
            <Detail term={t.contacts.emailLabel} value={<Address text={selected.email} />} />
          )}
          {selected.phone && <Detail term={t.contacts.phoneLabel} value={selected.phone} />}
          {selected.salesperson && (
            <Detail
              term={t.contacts.salespersonLabel}
              value={`${selected.salesperson.name} (${selected.salesperson.code})`}
            />
          )}
        </dl>
      </div>
      {selected.privacyBlocked && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{t.contacts.privacyBlocked}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

function Detail(props: { term: string; value: ReactNode }) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.term}>
        <Text size={200}>{props.term}</Text>
      </dt>
      <dd className={styles.value}>
        <Text size={200}>{props.value}</Text>
      </dd>
    </>
  );
}
