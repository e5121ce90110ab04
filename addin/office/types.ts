// What the task pane may know about Outlook. Components receive an OfficeHost and never touch `Office`, so a
// test page or preview can hand them a scripted host (see scripted-host.ts) instead of the real one (host.ts).

export interface MailParty {
  /** As Outlook reports it (usually SMTP; may be empty or an Exchange X.500 address for odd items). */
  address: string;
  name: string;
}

export interface ReadMessage {
  kind: 'read';
  subject: string;
  from: MailParty | null;
  /** Differs from `from` when someone sent on behalf of the mailbox owner. */
  sender: MailParty | null;
  to: MailParty[];
  cc: MailParty[];
  /** Missing on items Exchange has not finished with (e.g. a just-sent message). */
  internetMessageId: string | null;
  /** EWS id, as Office gives it. */
  itemId: string | null;
  /** The same id in REST (Graph) format, from convertToRestId; null where the conversion is unavailable. */
  restId: string | null;
  conversationId: string | null;
  /** ISO instant. */
  dateTimeCreated: string | null;
}

export interface ComposeMessage {
  kind: 'compose';
  subject: string;
  to: MailParty[];
  cc: MailParty[];
}

export type MailItem = ReadMessage | ComposeMessage;

export type ThemeKind = 'light' | 'dark';

export type Unsubscribe = () => Promise<void>;

export interface DialogSize {
  /** Percent of the screen. */
  height: number;
  width: number;
}

export interface OfficeHost {
  /** BCP 47 tag of Outlook's UI language, e.g. "da-DK". */
  readonly displayLanguage: string;
  readonly userEmail: string;
  readonly userDisplayName: string;
  /** Undefined when the host does not say (Outlook on the web has no officeTheme). */
  themeKind(): ThemeKind | undefined;
  /** The selected item now; null when nothing is selected (a pinned pane between items). */
  readItem(): Promise<MailItem | null>;
  /** A pinned pane moved to another item (or to none). Resolves once registered; no-op where unsupported. */
  onItemChanged(listener: () => void): Promise<Unsubscribe>;
  /** Recipients edited in compose mode. No-op in read mode or where unsupported. */
  onRecipientsChanged(listener: () => void): Promise<Unsubscribe>;
  /** Outlook's theme changed (Mailbox 1.14). No-op where unsupported. */
  onThemeChanged(listener: () => void): Promise<Unsubscribe>;
  supports(requirementSet: string, version: string): boolean;
  /** True when a message can be opened inside Outlook by id. */
  canDisplayMessage(): boolean;
  /** Opens a message by its REST (Graph) id inside Outlook. */
  displayMessage(restId: string): Promise<void>;
  /** Opens an https URL in the user's browser (never inside the pane). */
  openUrl(url: string): void;
  /** Opens an Office dialog on `url` and resolves with the first message it sends from that origin. */
  openDialog(url: string, size: DialogSize): Promise<string>;
}
