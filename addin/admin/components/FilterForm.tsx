// The filter row above a list (interactions, audit log): what is chosen is applied only on the form's button or
// Enter, so a list is not fetched again at every keystroke; the applied values are the query the page loads with.
import { Button, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useAdminI18n } from '../i18n/context.js';

const useStyles = makeStyles({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalL,
  },
});

type Values = Record<string, string>;

/** A filter's value and change handler, to spread on an Input or Select. */
export interface FilterBinding {
  value: string;
  onChange: (_: unknown, d: { value: string }) => void;
}

/** The values being edited, the values applied, and the form's submit handler. */
export function useFilterForm<T extends Values>(empty: T) {
  const [form, setForm] = useState(empty);
  const [query, setQuery] = useState(empty);
  const bind = (key: keyof T): FilterBinding => ({
    value: form[key]!,
    onChange: (_, d) => setForm((f) => ({ ...f, [key]: d.value })),
  });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ ...form });
  };
  return { query, bind, apply };
}

export function FilterForm(props: {
  applyLabel: string;
  onSubmit: (e: FormEvent) => void;
  children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <form className={styles.filters} onSubmit={props.onSubmit} aria-label={props.applyLabel}>
      {props.children}
      <Button type="submit" appearance="primary">
        {props.applyLabel}
      </Button>
    </form>
  );
}

export function TextFilter(props: { label: string; bind: FilterBinding; type?: 'date' }) {
  return (
    <Field label={props.label}>
      <Input type={props.type} {...props.bind} size="small" />
    </Field>
  );
}

/** A choice among `options` (value -> label), or "any" (the empty value). */
export function ChoiceFilter(props: { label: string; bind: FilterBinding; options: [string, ReactNode][] }) {
  const { t } = useAdminI18n();
  return (
    <Field label={props.label}>
      <Select {...props.bind} size="small">
        <option value="">{t.common.any}</option>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </Select>
    </Field>
  );
}
