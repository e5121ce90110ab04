// Follows Outlook's selected item and shows what the CRM knows about its external participants.
import { makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Me } from '../../../shared/api/config.js';
import type { ApiClient } from '../../api/client.js';
import { useI18n } from '../../i18n/context.js';
import type { OfficeHost } from '../../office/types.js';
import { DialogHost } from '../state/dialogHost.js';
import { useLookup } from '../state/useLookup.js';
import { useMailItem } from '../state/useMailItem.js';
import { EmptyState, ErrorBar, Notice, PaneSkeleton } from './feedback.js';
import { LookupView } from './LookupView.js';

const useStyles = makeStyles({
  pane: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
});

export function ItemPane(props: {
  api: ApiClient;
  host: OfficeHost;
  /** Null until GET /me answers: the lookup does not wait for it, only the view of its answer does. */
  me: Me | null;
  /** From GET /config. */
  internalDomains: string[];
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const mail = useMailItem(props.host);
  // The Outlook profile's address until /me names the signed-in user (the same one, but for a dev user chosen
  // by the page; a lookup that then has other participants runs again).
  const filter = {
    userAddresses: props.me ? [props.host.userEmail, props.me.email] : [props.host.userEmail],
    internalDomains: props.internalDomains,
  };
  const { participants, state, reload } = useLookup(props.api, mail.item, filter);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => setNotice(null), [mail.generation]);

  let content;
  if (mail.error !== null) content = <ErrorBar error={mail.error} onRetry={mail.reload} />;
  else if (mail.loading) content = <PaneSkeleton />;
  else if (!mail.item) content = <EmptyState text={t.item.none} />;
  else if (participants.length === 0) content = <EmptyState text={t.item.internalOnly} />;
  else if (state.status === 'error')
    content = <ErrorBar title={t.errors.loadFailed} error={state.error} onRetry={reload} />;
  else if (state.status !== 'ready' || props.me === null) content = <PaneSkeleton />;
  else {
    content = (
      <LookupView
        key={mail.generation}
        api={props.api}
        host={props.host}
        me={props.me}
        item={mail.item}
        data={state.data}
        participants={participants}
        onChanged={reload}
        notify={setNotice}
      />
    );
  }

  return (
    <div className={styles.pane} aria-busy={mail.loading || state.status === 'loading'}>
      {notice && <Notice text={notice} onDismiss={() => setNotice(null)} />}
      <DialogHost resetKey={mail.generation}>{content}</DialogHost>
    </div>
  );
}
