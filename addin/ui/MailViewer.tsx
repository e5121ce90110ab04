// A logged mail inside Interlog (task pane and admin console): its headers, its text or HTML, and its attached
// files to download. The server has read it from the logging mailbox and sanitized its HTML; the HTML is shown in
// a sandboxed frame all the same (no scripts, no same origin, a Content-Security-Policy that allows no request
// but embedded images), the second line of defence should the sanitizer ever miss something. The words come from
// the caller (as MessageBars.tsx), so this module depends on neither front end's i18n.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LoggedMail, MailAttachment, MailPerson } from '../../shared/api/mailView.js';
import { ErrorMessageBar } from './MessageBars.js';

export interface MailViewerWords {
  title: string;
  noSubject: string;
  from: string;
  to: string;
  cc: string;
  date: string;
  loading: string;
  close: string;
  retry: string;
  attachments: string;
  /** The accessible name of an attachment's download button. */
  download: (name: string, size: string) => string;
  /** An attachment that is a link to a cloud file (no bytes to download). */
  cloudLink: (name: string) => string;
  size: (bytes: number) => string;
  remoteBlocked: string;
  truncated: string;
  /** The title of the frame the HTML is shown in. */
  bodyFrame: string;
  /** The text body's region. */
  bodyText: string;
  empty: string;
  /** What went wrong, by problem code (null: no answer at all). */
  error: (code: string | null) => string;
  downloadFailed: (name: string) => string;
}

export interface MailViewerProps {
  open: boolean;
  words: MailViewerWords;
  load: () => Promise<LoggedMail>;
  download: (attachment: MailAttachment) => Promise<Blob>;
  formatDate: (iso: string) => string;
  onClose: () => void;
}

// The frame allows no script, no request and no form; links open in a new window, outside the sandbox.
const FRAME_CSP =
  "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; form-action 'none'; base-uri 'none'";

export function framedHtml(html: string): string {
  return (
    `<!doctype html><html><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}">` +
    `<base target="_blank"><style>body{font-family:Segoe UI,system-ui,sans-serif;font-size:14px;` +
    `margin:8px;overflow-wrap:anywhere}img{max-width:100%;height:auto}</style></head><body>${html}</body></html>`
  );
}

const useStyles = makeStyles({
  surface: { maxWidth: 'min(900px, 100vw)', width: '100%', boxSizing: 'border-box' },
  headers: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    margin: `0 0 ${tokens.spacingVerticalS}`,
    overflowWrap: 'anywhere',
  },
  label: { color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0 },
  frame: {
    width: '100%',
    boxSizing: 'border-box',
    height: '50vh',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: '#ffffff',
  },
  text: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    fontFamily: tokens.fontFamilyBase,
    maxHeight: '50vh',
    overflowY: 'auto',
    margin: 0,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  files: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', gap: '4px' },
  section: { marginTop: tokens.spacingVerticalS },
});

function people(list: MailPerson[]): string {
  return list
    .map((p) => (p.name && p.address ? `${p.name} <${p.address}>` : (p.address ?? p.name ?? '')))
    .join(', ');
}

/** Saves a downloaded file under its name (a link to the bytes, clicked, then let go). */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function MailViewerDialog(props: MailViewerProps) {
  const { words: w } = props;
  const styles = useStyles();
  const [mail, setMail] = useState<LoggedMail | null>(null);
  const [failure, setFailure] = useState<{ code: string | null } | null>(null);
  const [downloadFailure, setDownloadFailure] = useState<string | null>(null);
  // Read once when the dialog opens (and on Retry), whatever the caller's render makes of `load`.
  const load = useRef(props.load);
  load.current = props.load;

  const fetchMail = useCallback(() => {
    setFailure(null);
    setMail(null);
    load.current().then(setMail, (e: unknown) => {
      const code = (e as { code?: unknown }).code;
      setFailure({ code: typeof code === 'string' ? code : null });
    });
  }, []);
  useEffect(() => fetchMail(), [fetchMail]);

  const download = (a: MailAttachment) => {
    setDownloadFailure(null);
    props.download(a).then(
      (blob) => save(blob, a.name),
      () => setDownloadFailure(a.name),
    );
  };
  const header = (label: string, value: string) => (
    <>
      <dt className={styles.label}>{label}</dt>
      <dd className={styles.value}>{value}</dd>
    </>
  );

  return (
    <Dialog open={props.open} onOpenChange={(_, data) => !data.open && props.onClose()}>
      <DialogSurface className={styles.surface} aria-busy={mail === null && failure === null}>
        <DialogBody>
          <DialogTitle>{mail ? mail.subject || w.noSubject : w.title}</DialogTitle>
          <DialogContent>
            {failure && (
              <ErrorMessageBar retryLabel={w.retry} onRetry={fetchMail} alert>
                {w.error(failure.code)}
              </ErrorMessageBar>
            )}
            {!mail && !failure && <Spinner size="small" label={w.loading} />}
            {mail && (
              <>
                <dl className={styles.headers}>
                  {mail.from && header(w.from, people([mail.from]))}
                  {mail.to.length > 0 && header(w.to, people(mail.to))}
                  {mail.cc.length > 0 && header(w.cc, people(mail.cc))}
                  {mail.sentAt && header(w.date, props.formatDate(mail.sentAt))}
                </dl>
                {mail.truncated && (
                  <MessageBar intent="warning" layout="multiline">
                    <MessageBarBody>{w.truncated}</MessageBarBody>
                  </MessageBar>
                )}
                {mail.remoteContentBlocked && (
                  <MessageBar intent="info" layout="multiline">
                    <MessageBarBody>{w.remoteBlocked}</MessageBarBody>
                  </MessageBar>
                )}
                {mail.html !== null ? (
                  <iframe
                    className={styles.frame}
                    title={w.bodyFrame}
                    sandbox="allow-popups allow-popups-to-escape-sandbox"
                    referrerPolicy="no-referrer"
                    srcDoc={framedHtml(mail.html)}
                  />
                ) : mail.text ? (
                  // Focusable: a keyboard user scrolls a long mail.
                  <pre className={styles.text} tabIndex={0} role="region" aria-label={w.bodyText}>
                    {mail.text}
                  </pre>
                ) : (
                  <Text italic>{w.empty}</Text>
                )}
                {mail.attachments.length > 0 && (
                  <section className={styles.section} aria-label={w.attachments}>
                    <Text as="h3" weight="semibold" block>
                      {w.attachments}
                    </Text>
                    <ul className={styles.files}>
                      {mail.attachments.map((a) => (
                        <li key={a.id}>
                          {a.kind === 'link' ? (
                            <Text size={200}>{w.cloudLink(a.name)}</Text>
                          ) : (
                            <Button
                              size="small"
                              aria-label={w.download(a.name, w.size(a.size))}
                              onClick={() => download(a)}
                            >
                              {a.name} ({w.size(a.size)})
                            </Button>
                          )}
                        </li>
                      ))}
                    </ul>
                    {downloadFailure && (
                      <Text role="alert" block>
                        {w.downloadFailed(downloadFailure)}
                      </Text>
                    )}
                  </section>
                )}
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={props.onClose}>
              {w.close}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
