// A command or URL an admin copies somewhere else (PowerShell, the app registration), with a Copy button.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useAdminI18n } from '../i18n/context.js';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  code: {
    flexGrow: 1,
    margin: 0,
    padding: tokens.spacingHorizontalS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
  },
});

export function CodeBlock(props: { text: string; label?: string }) {
  const { t } = useAdminI18n();
  const styles = useStyles();
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard?.writeText(props.text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div className={styles.row}>
      <pre className={styles.code} aria-label={props.label}>
        {props.text}
      </pre>
      <Button size="small" onClick={copy}>
        {copied ? t.wizard.app.copied : t.wizard.app.copy}
      </Button>
    </div>
  );
}
