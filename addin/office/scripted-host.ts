// An OfficeHost driven by a script instead of Outlook: for preview pages, end-to-end pages and unit tests of
// code that takes a host. It records what the pane asked Outlook to do.
import type { DialogSize, MailItem, OfficeHost, ThemeKind, Unsubscribe } from './types.js';

export interface ScriptedHostOptions {
  item?: MailItem | null;
  displayLanguage?: string;
  userEmail?: string;
  userDisplayName?: string;
  theme?: ThemeKind;
  /** Requirement sets reported as supported ("Mailbox 1.5"); default: everything. */
  supportedSets?: string[];
  canDisplayMessage?: boolean;
  /** Answers openDialog; default: rejects (no dialog). */
  dialog?: (url: string) => Promise<string>;
}

export class ScriptedOfficeHost implements OfficeHost {
  readonly displayLanguage: string;
  readonly userEmail: string;
  readonly userDisplayName: string;
  /** REST ids passed to displayMessage, and URLs passed to openUrl, in order. */
  readonly displayedMessages: string[] = [];
  readonly openedUrls: string[] = [];
  private item: MailItem | null;
  private theme: ThemeKind | undefined;
  private readonly listeners = {
    item: new Set<() => void>(),
    recipients: new Set<() => void>(),
    theme: new Set<() => void>(),
  };

  constructor(private readonly options: ScriptedHostOptions = {}) {
    this.item = options.item ?? null;
    this.displayLanguage = options.displayLanguage ?? 'en-US';
    this.userEmail = options.userEmail ?? 'user@example.com';
    this.userDisplayName = options.userDisplayName ?? 'Test User';
    this.theme = options.theme;
  }

  /** Selects another item (or none), as a pinned pane sees it, and fires ItemChanged. */
  selectItem(item: MailItem | null): void {
    this.item = item;
    this.listeners.item.forEach((l) => l());
  }

  /** Replaces the compose recipients and fires RecipientsChanged. */
  editRecipients(to: MailItem['to'], cc: MailItem['cc'] = []): void {
    if (this.item?.kind !== 'compose') throw new Error('editRecipients needs a compose item');
    this.item = { ...this.item, to, cc };
    this.listeners.recipients.forEach((l) => l());
  }

  setTheme(theme: ThemeKind | undefined): void {
    this.theme = theme;
    this.listeners.theme.forEach((l) => l());
  }

  themeKind(): ThemeKind | undefined {
    return this.theme;
  }

  async readItem(): Promise<MailItem | null> {
    return this.item && structuredClone(this.item);
  }

  onItemChanged(listener: () => void): Promise<Unsubscribe> {
    return this.subscribe(this.listeners.item, listener);
  }

  onRecipientsChanged(listener: () => void): Promise<Unsubscribe> {
    return this.subscribe(this.listeners.recipients, listener);
  }

  onThemeChanged(listener: () => void): Promise<Unsubscribe> {
    return this.subscribe(this.listeners.theme, listener);
  }

  supports(requirementSet: string, version: string): boolean {
    const sets = this.options.supportedSets;
    return !sets || sets.includes(`${requirementSet} ${version}`);
  }

  canDisplayMessage(): boolean {
    return this.options.canDisplayMessage ?? true;
  }

  async displayMessage(restId: string): Promise<void> {
    this.displayedMessages.push(restId);
  }

  openUrl(url: string): void {
    this.openedUrls.push(url);
  }

  openDialog(url: string, _size: DialogSize): Promise<string> {
    return this.options.dialog
      ? this.options.dialog(url)
      : Promise.reject(new Error('no dialog in a scripted host'));
  }

  private async subscribe(set: Set<() => void>, listener: () => void): Promise<Unsubscribe> {
    set.add(listener);
    return async () => {
      set.delete(listener);
    };
  }
}
