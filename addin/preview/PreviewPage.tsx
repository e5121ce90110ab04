// The preview page: sample messages on the left, the real task pane on the right. Clicking a message selects it
// in the stand-in Outlook, which fires ItemChanged exactly as a pinned pane sees it in Outlook.
import {
  Badge,
  Checkbox,
  Field,
  FluentProvider,
  Select,
  Switch,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { OfficeHost } from '../office/types.js';
import { mountTaskpane } from '../taskpane/mount.js';
import type { FakeOutlook, FakeParty, FakeTheme } from './fake-outlook.js';
import { people, type SampleMessage } from './samples.js';

export const PREVIEW_LANGUAGES = [
  { tag: 'en-US', label: 'English' },
  { tag: 'da-DK', label: 'Dansk' },
];

/** Addresses a compose sample can be sent to: contacts, an unknown address and a colleague. */
const COMPOSE_CANDIDATES: FakeParty[] = [people.mark, people.jane, people.ida, people.stranger, people.bart];

const useStyles = makeStyles({
  page: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  header: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  controls: { display: 'flex', alignItems: 'end', gap: tokens.spacingHorizontalL, marginLeft: 'auto' },
  columns: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'flex-start', flexWrap: 'wrap' },
  messages: { flex: '1 1 320px', maxWidth: '520px', display: 'flex', flexDirection: 'column' },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
  },
  message: {
    width: '100%',
    textAlign: 'start',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: 'none',
    borderLeft: `3px solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: 'inherit',
    font: 'inherit',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  selected: {
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1Selected,
  },
  meta: { color: tokens.colorNeutralForeground3 },
  recipients: {
    display: 'flex',
    flexDirection: 'column',
    marginTop: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  pane: {
    flex: '0 0 360px',
    height: 'calc(100vh - 120px)',
    minHeight: '480px',
    overflowY: 'auto',
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow8,
  },
});

function fromLine(sample: SampleMessage): string {
  const m = sample.message;
  if (m.kind === 'compose') return `Draft to ${m.to.map((p) => p.name).join(', ') || '(nobody yet)'}`;
  return `From ${m.from.name}`;
}

export function PreviewPage(props: {
  outlook: FakeOutlook;
  host: OfficeHost;
  samples: SampleMessage[];
  language: string;
  theme: FakeTheme;
}) {
  const styles = useStyles();
  const { outlook, samples } = props;
  const [selectedId, setSelectedId] = useState<string | null>(samples[0]?.id ?? null);
  const [theme, setTheme] = useState<FakeTheme>(props.theme);
  const [recipients, setRecipients] = useState<FakeParty[]>([]);
  const paneRef = useRef<HTMLDivElement>(null);
  const selected = samples.find((s) => s.id === selectedId) ?? null;

  useEffect(() => {
    if (!paneRef.current) return;
    const root = mountTaskpane(paneRef.current, { host: props.host, baseUrl: location.origin });
    // Unmounting another root from inside this root's commit phase is refused: do it right after.
    return () => queueMicrotask(() => root.unmount());
  }, [props.host]);

  const select = (sample: SampleMessage | null) => {
    setSelectedId(sample?.id ?? null);
    setRecipients(sample?.message.kind === 'compose' ? sample.message.to : []);
    outlook.selectItem(sample?.message ?? null);
  };

  const toggleRecipient = (party: FakeParty, checked: boolean) => {
    const next = checked ? [...recipients, party] : recipients.filter((p) => p.address !== party.address);
    setRecipients(next);
    outlook.editRecipients(next);
  };

  const reloadWith = (changes: Record<string, string>) => {
    const params = new URLSearchParams(location.search);
    for (const [k, v] of Object.entries(changes)) params.set(k, v);
    location.search = params.toString(); // office.js disables history.pushState: a reload it is.
  };

  return (
    <FluentProvider theme={theme === 'dark' ? webDarkTheme : webLightTheme}>
      <div className={styles.page}>
        <header className={styles.header}>
          <Text as="h1" size={600} weight="semibold">
            Interlog preview
          </Text>
          <Badge appearance="tint" color="warning">
            Development only
          </Badge>
          <div className={styles.controls}>
            <Field label="Outlook display language">
              <Select value={props.language} onChange={(_, d) => reloadWith({ lang: d.value, theme })}>
                {PREVIEW_LANGUAGES.map((l) => (
                  <option key={l.tag} value={l.tag}>
                    {l.label}
                  </option>
                ))}
              </Select>
            </Field>
            <Switch
              label="Dark theme"
              checked={theme === 'dark'}
              onChange={(_, d) => {
                const next: FakeTheme = d.checked ? 'dark' : 'light';
                setTheme(next);
                outlook.setTheme(next);
              }}
            />
          </div>
        </header>
        <div className={styles.columns}>
          <nav className={styles.messages} aria-label="Sample messages">
            <Text as="p" className={styles.meta}>
              Outlook is simulated; the task pane, Office.js and the server are real. You are{' '}
              {people.annette.name} (salesperson AH). Click a message to move the pinned pane to it.
            </Text>
            <ul className={styles.list}>
              {samples.map((sample) => (
                <li key={sample.id}>
                  <button
                    type="button"
                    data-sample={sample.id}
                    aria-pressed={sample.id === selectedId}
                    className={mergeClasses(styles.message, sample.id === selectedId && styles.selected)}
                    onClick={() => select(sample)}
                  >
                    <Text weight="semibold">{sample.message.subject}</Text>
                    <Text size={200}>{fromLine(sample)}</Text>
                    <Text size={200} className={styles.meta}>
                      {sample.note}
                    </Text>
                  </button>
                </li>
              ))}
              <li>
                <button
                  type="button"
                  data-sample="none"
                  aria-pressed={selectedId === null}
                  className={mergeClasses(styles.message, selectedId === null && styles.selected)}
                  onClick={() => select(null)}
                >
                  <Text weight="semibold">No message selected</Text>
                  <Text size={200} className={styles.meta}>
                    A pinned pane between items
                  </Text>
                </button>
              </li>
            </ul>
            {selected?.message.kind === 'compose' && (
              <fieldset className={styles.recipients}>
                <legend>
                  <Text weight="semibold">Recipients of the draft (To)</Text>
                </legend>
                {COMPOSE_CANDIDATES.map((party) => (
                  <Checkbox
                    key={party.address}
                    label={`${party.name} <${party.address}>`}
                    checked={recipients.some((p) => p.address === party.address)}
                    onChange={(_, d) => toggleRecipient(party, d.checked === true)}
                  />
                ))}
              </fieldset>
            )}
          </nav>
          <section className={styles.pane} aria-label="Interlog task pane" ref={paneRef} />
        </div>
      </div>
    </FluentProvider>
  );
}
