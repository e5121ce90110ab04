// The interaction templates of the Settings page (Business Central's Interaction Template Setup, the part e-mail
// logging uses): a short list edited in place (code, description, interaction group, cost, duration) and which
// template e-mails get. Edited as text, sent as numbers; the server validates (codes upper case, at most 10
// characters, each once; cost >= 0 with two decimals; whole minutes) and its field errors name the row.
import {
  Button,
  Field,
  Input,
  Select,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { InteractionTemplate } from '../../../../shared/api/settings.js';
import { useAdminI18n } from '../../i18n/context.js';

/** A template as the form edits it: every field as text. */
export interface TemplateRow {
  code: string;
  description: string;
  groupCode: string;
  cost: string;
  durationMin: string;
}

export function rowsOf(list: InteractionTemplate[]): TemplateRow[] {
  return list.map((t) => ({
    code: t.code,
    description: t.description,
    groupCode: t.groupCode ?? '',
    cost: String(t.cost),
    durationMin: String(t.durationMin),
  }));
}

/** A number as typed ("1,5" and "1.5" alike); what is no number stays text for the server to refuse by name. */
function numberOf(text: string): number | string {
  const n = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

export function templatesOf(rows: TemplateRow[]): InteractionTemplate[] {
  return rows.map((r) => ({
    code: r.code.trim(),
    description: r.description.trim(),
    groupCode: r.groupCode.trim() || null,
    cost: numberOf(r.cost) as number,
    durationMin: numberOf(r.durationMin) as number,
  }));
}

const NONE = '';
const COLUMNS = ['code', 'description', 'groupCode', 'cost', 'durationMin'] as const;

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  hint: { color: tokens.colorNeutralForeground3 },
  table: { borderCollapse: 'collapse', width: '100%', tableLayout: 'fixed' },
  th: {
    textAlign: 'start',
    verticalAlign: 'bottom',
    fontWeight: tokens.fontWeightSemibold,
    padding: `0 ${tokens.spacingHorizontalXS} ${tokens.spacingVerticalXS} 0`,
  },
  td: { padding: `0 ${tokens.spacingHorizontalXS} ${tokens.spacingVerticalXS} 0` },
  code: { width: '8em' },
  number: { width: '6.5em' },
  action: { width: '2.5em' },
  remove: { minWidth: 'auto' },
  input: { width: '100%', minWidth: 0 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

export function TemplatesCard(props: {
  rows: TemplateRow[];
  emailTemplate: string | null;
  onChange: (rows: TemplateRow[], emailTemplate: string | null) => void;
  disabled?: boolean;
}) {
  const { t } = useAdminI18n();
  const x = t.templates;
  const styles = useStyles();
  const { rows, emailTemplate, disabled } = props;
  const headers: Record<(typeof COLUMNS)[number], string> = {
    code: x.code,
    description: x.description,
    groupCode: x.group,
    cost: x.cost,
    durationMin: x.duration,
  };
  const widths: Partial<Record<(typeof COLUMNS)[number], string>> = {
    code: styles.code,
    groupCode: styles.code,
    cost: styles.number,
    durationMin: styles.number,
  };

  const edit = (i: number, key: keyof TemplateRow, value: string) => {
    const upper = key === 'code' || key === 'groupCode' ? value.toUpperCase() : value;
    const next = rows.map((r, j) => (j === i ? { ...r, [key]: upper } : r));
    // Renaming the e-mail template's code keeps it the e-mail template.
    const renamed = key === 'code' && rows[i]!.code === emailTemplate ? upper : emailTemplate;
    props.onChange(next, renamed);
  };
  const remove = (i: number) => {
    const gone = rows[i]!.code;
    props.onChange(
      rows.filter((_, j) => j !== i),
      gone === emailTemplate ? null : emailTemplate,
    );
  };
  const add = () =>
    props.onChange(
      [...rows, { code: '', description: '', groupCode: '', cost: '0', durationMin: '0' }],
      emailTemplate,
    );
  const codes = [...new Set(rows.map((r) => r.code).filter((c) => c !== ''))];

  return (
    <section className={styles.card} aria-labelledby="templates-title" data-testid="templates">
      <Text as="h2" id="templates-title" size={400} weight="semibold">
        {x.title}
      </Text>
      <Text size={200} className={styles.hint}>
        {x.hint}
      </Text>
      {rows.length === 0 ? (
        <Text>{x.empty}</Text>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c} scope="col" className={mergeClasses(styles.th, widths[c])}>
                  {headers[c]}
                </th>
              ))}
              <th scope="col" className={mergeClasses(styles.th, styles.action)}>
                <span className={styles.hidden}>{x.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} data-template-row={i}>
                {COLUMNS.map((c) => (
                  <td key={c} className={styles.td}>
                    <Input
                      className={styles.input}
                      size="small"
                      aria-label={x.field(headers[c], i + 1)}
                      value={r[c]}
                      inputMode={c === 'cost' ? 'decimal' : c === 'durationMin' ? 'numeric' : undefined}
                      maxLength={
                        c === 'description' ? 100 : c === 'code' || c === 'groupCode' ? 10 : undefined
                      }
                      disabled={disabled}
                      onChange={(_, d) => edit(i, c, d.value)}
                    />
                  </td>
                ))}
                <td className={styles.td}>
                  <Button
                    className={styles.remove}
                    appearance="subtle"
                    size="small"
                    disabled={disabled}
                    aria-label={x.remove(r.code || String(i + 1))}
                    onClick={() => remove(i)}
                  >
                    ×
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className={styles.actions}>
        <Button size="small" disabled={disabled} onClick={add}>
          {x.add}
        </Button>
      </div>
      <Field label={x.emailTemplate}>
        <Select
          value={emailTemplate ?? NONE}
          onChange={(_, d) => props.onChange(rows, d.value === NONE ? null : d.value)}
          disabled={disabled}
        >
          <option value={NONE}>{x.emailTemplateNone}</option>
          {codes.map((c) => (
            <option key={c} value={c}>
              {`${c} – ${rows.find((r) => r.code === c)?.description ?? ''}`}
            </option>
          ))}
        </Select>
      </Field>
    </section>
  );
}
