// A mailbox's change notifications on the job status page: the subscription's state (polling only when Microsoft
// 365 cannot reach PUBLIC_URL), its expiry, the polling interval in effect, ignored notifications, the last error.
// An IMAP mailbox's state is its IDLE connection's (active: IDLE is in place).
import { Badge, Caption1 } from '@fluentui/react-components';
import type { NotificationStatusView } from '../../../../shared/api/adminViews.js';
import { formatDateTime } from '../../../i18n/format.js';
import { useAdminI18n } from '../../i18n/context.js';

const COLOR = {
  active: 'success',
  polling_only: 'informative',
  pending: 'warning',
  failing: 'danger',
  expired: 'danger',
} as const;

export function NotificationCell(props: { status: NotificationStatusView | null | undefined }) {
  const { t, locale } = useAdminI18n();
  const n = t.status.notifications;
  const s = props.status;
  if (!s) return null;
  const lines = [
    s.channel === 'imap_idle' ? n.imapIdle : null,
    s.reason ? n.reasons[s.reason] : null,
    s.state === 'active' && s.expiresAt ? n.expires(formatDateTime(s.expiresAt, { locale })) : null,
    n.poll(s.pollSeconds),
    s.rejected > 0 ? n.rejected(s.rejected) : null,
    s.lastError ? n.error(s.lastError.code) : null,
  ].filter((l): l is string => l !== null);
  return (
    <div data-notifications={s.state}>
      <Badge appearance="tint" color={COLOR[s.state]}>
        {n.states[s.state]}
      </Badge>
      {lines.map((l) => (
        <Caption1 as="p" key={l} style={{ margin: 0, display: 'block' }}>
          {l}
        </Caption1>
      ))}
    </div>
  );
}
