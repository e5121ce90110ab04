// The search box of a data page: what is typed is searched for (trimmed) only on Search or Enter, so a list
// is not fetched again at every keystroke.
import { Button, Input } from '@fluentui/react-components';
import { useState } from 'react';
import { useAdminI18n } from '../i18n/context.js';

export function SearchForm(props: {
  /** Placeholder and accessible name: says what can be searched for. */
  label: string;
  onSearch: (query: string) => void;
  /** A box wide enough for the longest thing searched for (addresses). */
  minWidth?: string;
}) {
  const { t } = useAdminI18n();
  const [text, setText] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        props.onSearch(text.trim());
      }}
    >
      <Input
        type="search"
        placeholder={props.label}
        aria-label={props.label}
        value={text}
        onChange={(_, d) => setText(d.value)}
        style={props.minWidth ? { minWidth: props.minWidth } : undefined}
      />{' '}
      <Button type="submit">{t.common.search}</Button>
    </form>
  );
}
