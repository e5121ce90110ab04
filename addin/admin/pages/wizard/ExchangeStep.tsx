// Step 1: what an Exchange admin prepares by hand, with the exact mail-flow rules (conditions and action) and the
// archive folder's Read permission, as portal steps and as Exchange Online PowerShell.
import { Checkbox, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { CodeBlock } from '../../components/CodeBlock.js';
import { Notice } from '../../components/feedback.js';
import { useAdminI18n } from '../../i18n/context.js';
import { exchangeCommands } from './exchangeCommands.js';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, paddingLeft: '20px' },
  rule: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, marginTop: '4px' },
});

export function ExchangeStep(props: {
  mailbox: string;
  archiveFolder: string;
  done: boolean;
  onDone: (done: boolean) => void;
}) {
  const { t } = useAdminI18n();
  const x = t.wizard.exchange;
  const styles = useStyles();
  const mailbox = props.mailbox.trim() || x.placeholderMailbox;
  const commands = exchangeCommands(mailbox, props.archiveFolder, {
    inbound: x.inboundName,
    outbound: x.outboundName,
    user: x.placeholderUser,
  });
  return (
    <>
      <Text block>{x.intro}</Text>
      <ol className={styles.list}>
        <li>{x.sharedMailbox}</li>
        <li>{x.jobAccount}</li>
        <li>
          {x.rules}
          <div className={styles.rule}>
            <Subtitle2>{x.inboundName}</Subtitle2>
            <Text>{x.inboundCondition}</Text>
            <Text>{x.action(mailbox)}</Text>
          </div>
          <div className={styles.rule}>
            <Subtitle2>{x.outboundName}</Subtitle2>
            <Text>{x.outboundCondition}</Text>
            <Text>{x.action(mailbox)}</Text>
          </div>
          <div className={styles.rule}>
            <Text>{x.powershell}</Text>
            <CodeBlock text={commands.inbound} />
            <CodeBlock text={commands.outbound} />
          </div>
        </li>
        <li>
          {x.archivePermission}
          <div className={styles.rule}>
            <CodeBlock text={commands.permission} />
          </div>
        </li>
      </ol>
      <Notice intent="warning">{x.noMoveRules}</Notice>
      <Checkbox checked={props.done} onChange={(_, d) => props.onDone(d.checked === true)} label={x.done} />
    </>
  );
}
