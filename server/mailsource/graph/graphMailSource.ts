// MailSource over Microsoft Graph: the shared mailbox's Inbox, read and archived with immutable ids.
import {
  MailSourceError,
  type ChangePage,
  type InboxQuery,
  type MailAttachmentContent,
  type MailContent,
  type MailFolder,
  type MailMessage,
  type MailOperation,
  type MailOperationResult,
  type MailSource,
  type MessagePage,
} from '../MailSource.js';
import { createGraphAuth, type GraphTokenProvider } from './auth.js';
import { applyInBatches, asMailSourceError } from './batchOperations.js';
import { createGraphHttp } from './client.js';
import { resolveEndpoints, type GraphLogger, type GraphMailSourceConfig } from './config.js';
import {
  GRAPH_MAILBOX_CONCURRENCY,
  GRAPH_MAILBOX_RATE,
  MailboxLimiter,
  processMailboxLimiters,
  type MailboxLimiterRegistry,
} from './mailboxLimiter.js';
import {
  cidPictures,
  embedPictures,
  itemAttachmentFile,
  MAX_EMBEDDED_BYTES,
  translateAttachment,
  translateContent,
} from './contentTranslator.js';
import { translateChangePage, translateMessage, translatePage } from './pageTranslator.js';
import type { GraphRequestEvent } from './policyMiddleware.js';
import {
  checkNextLink,
  GraphUrls,
  looksLikeFolderId,
  MAX_PAGE_SIZE,
  odataString,
  wellKnownFolderName,
} from './requests.js';
import { aliasOfLegacyDn } from '../../domain/legacyDn.js';
import { DEFAULT_RETRY_POLICY } from './retryPolicy.js';
import { createGraphSubscriptions } from './subscriptions.js';

export interface GraphMailSourceDeps {
  /** Defaults to MSAL built from `config.auth`; pass one to share a token cache between mail sources. */
  tokenProvider?: GraphTokenProvider;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Called after every HTTP attempt (retries included). */
  onRequest?: (event: GraphRequestEvent) => void;
  logger?: GraphLogger;
  /** Defaults to the process-wide registry, so every source of a mailbox shares one gate. */
  limiters?: MailboxLimiterRegistry;
}

const DEFAULT_TIMEOUT_MS = 60_000;

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function translateFolder(raw: unknown): MailFolder {
  if (!isObject(raw) || typeof raw.id !== 'string') {
    throw new MailSourceError('transient', 'Graph returned a folder without an id.');
  }
  const folder: MailFolder = {
    id: raw.id,
    displayName: typeof raw.displayName === 'string' ? raw.displayName : '',
  };
  if (typeof raw.totalItemCount === 'number') folder.itemCount = raw.totalItemCount;
  if (typeof raw.sizeInBytes === 'number') folder.sizeBytes = raw.sizeInBytes;
  return folder;
}

async function orNullWhen<T>(codes: string[], work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof MailSourceError && codes.includes(err.code)) return null;
    throw err;
  }
}

export function createGraphMailSource(
  config: GraphMailSourceConfig,
  deps: GraphMailSourceDeps = {},
): MailSource {
  const endpoints = resolveEndpoints(config.auth);
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? realSleep;
  const random = deps.random ?? Math.random;
  const retry = { ...DEFAULT_RETRY_POLICY, ...config.retry };
  const tokenProvider = deps.tokenProvider ?? createGraphAuth(config.auth, { now, logger: deps.logger });
  const limiter = (deps.limiters ?? processMailboxLimiters).get(
    { graphHost: endpoints.graphHost, mailbox: config.mailbox },
    () =>
      new MailboxLimiter({
        concurrency: config.maxConcurrentPerMailbox ?? GRAPH_MAILBOX_CONCURRENCY,
        rate: config.rateLimit === undefined ? GRAPH_MAILBOX_RATE : config.rateLimit,
        clock: { now, sleep },
      }),
  );
  const http = createGraphHttp({
    graphBaseUrl: endpoints.graphBaseUrl,
    graphHostname: endpoints.graphHostname,
    mailbox: config.mailbox,
    tokenProvider,
    limiter,
    retry,
    requestTimeoutMs: config.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    now,
    sleep,
    random,
    onRequest: deps.onRequest,
    logger: deps.logger,
    fetch: deps.fetch,
  });
  const urls = new GraphUrls(http.apiRoot, config.mailbox);
  // Batch parts name their URL relative to the version.
  const partUrls = new GraphUrls('', config.mailbox);

  async function findFolderByName(displayName: string): Promise<MailFolder | null> {
    const page = await http.get(urls.folderByDisplayName(displayName));
    const first = isObject(page) && Array.isArray(page.value) ? page.value[0] : undefined;
    return first === undefined ? null : translateFolder(first);
  }

  /** The one user an OData filter finds (their mail, else their UPN), or null for none or several. */
  async function oneUserAddress(filter: string): Promise<string | null> {
    const page = await http.get(urls.users(filter));
    const users = isObject(page) && Array.isArray(page.value) ? page.value : [];
    if (users.length !== 1 || !isObject(users[0])) return null;
    const { mail, userPrincipalName } = users[0];
    return typeof mail === 'string' && mail
      ? mail
      : typeof userPrincipalName === 'string'
        ? userPrincipalName
        : null;
  }

  async function resolveLegacyDn(dn: string): Promise<string | null> {
    const byProxy = await oneUserAddress(`proxyAddresses/any(x:x eq ${odataString(`X500:${dn.trim()}`)})`);
    if (byProxy) return byProxy;
    const alias = aliasOfLegacyDn(dn);
    return alias ? oneUserAddress(`mailNickname eq ${odataString(alias)}`) : null;
  }

  async function resolveFolder(nameOrId: string, opts?: { create?: boolean }): Promise<MailFolder> {
    const name = nameOrId.trim();
    if (!name) throw new MailSourceError('invalid_request', 'A folder name or id is required.');
    const wellKnown = wellKnownFolderName(name);
    if (wellKnown) return translateFolder(await http.get(urls.folder(wellKnown)));

    // Only something shaped like an id is tried as one (a name such as ".." would otherwise be resolved as a
    // path segment); a display name that merely looks like an id falls through to the name lookup.
    if (looksLikeFolderId(name)) {
      const byId = await orNullWhen(['not_found', 'invalid_request'], () => http.get(urls.folder(name)));
      if (byId !== null) return translateFolder(byId);
    }
    const byName = await findFolderByName(name);
    if (byName) return byName;
    if (!opts?.create) throw new MailSourceError('not_found', `No top-level folder named "${name}".`);
    try {
      return translateFolder(await http.post(urls.folders(), { displayName: name }));
    } catch (err) {
      // Someone else created it between our lookup and the create: use theirs.
      if (err instanceof MailSourceError && err.providerCode === 'ErrorFolderExists') {
        const raced = await findFolderByName(name);
        if (raced) return raced;
      }
      throw err;
    }
  }

  async function resolveSubfolder(
    parentId: string,
    displayName: string,
    opts?: { create?: boolean },
  ): Promise<MailFolder> {
    const name = displayName.trim();
    if (!name) throw new MailSourceError('invalid_request', 'A folder name is required.');
    const find = async () => {
      const page = await http.get(urls.childFolderByDisplayName(parentId, name));
      const first = isObject(page) && Array.isArray(page.value) ? page.value[0] : undefined;
      return first === undefined ? null : translateFolder(first);
    };
    const found = await find();
    if (found) return found;
    if (!opts?.create) throw new MailSourceError('not_found', `No folder named "${name}" there.`);
    try {
      return translateFolder(await http.post(urls.childFolders(parentId), { displayName: name }));
    } catch (err) {
      const raced =
        err instanceof MailSourceError && err.providerCode === 'ErrorFolderExists' && (await find());
      if (raced) return raced; // someone else created it between our lookup and the create
      throw err;
    }
  }

  return {
    async listInbox(query: InboxQuery): Promise<MessagePage> {
      return translatePage(await http.get(urls.inbox(query)));
    },
    async listNext(next: string): Promise<MessagePage> {
      return translatePage(await http.get(checkNextLink(next, endpoints.graphHost)));
    },
    async readInbox(cursor: string | null, pageSize: number): Promise<ChangePage> {
      const url = cursor === null ? urls.inboxDelta() : savedLink(cursor, endpoints.graphHost);
      const size = Math.min(Math.max(1, Math.floor(pageSize)), MAX_PAGE_SIZE);
      return translateChangePage(await http.get(url, { Prefer: `odata.maxpagesize=${size}` }));
    },
    async getMessage(id: string): Promise<MailMessage | null> {
      const raw = await orNullWhen(['not_found'], () => http.get(urls.message(id)));
      return raw === null ? null : translateMessage(raw);
    },
    async findByInternetMessageId(internetMessageId: string): Promise<MailMessage | null> {
      const page = translatePage(await http.get(urls.byInternetMessageId(internetMessageId)));
      return page.messages[0] ?? null;
    },
    async getMessageContent(id: string): Promise<MailContent | null> {
      const raw = await orNullWhen(['not_found'], () => http.get(urls.messageContent(id)));
      if (raw === null) return null;
      const attachments = await orNullWhen(['not_found'], () => http.get(urls.attachments(id)));
      if (attachments === null) return null;
      const content = translateContent(raw, attachments);
      // Pictures of the body itself (a signature's logo) are attachments named by cid: in the HTML; embedded, the
      // viewer shows them without a request of its own.
      const pictures = cidPictures(content.html, attachments);
      const fetched = await Promise.all(
        pictures.map(async (p) => {
          const bytes = await orNullWhen(['not_found'], () =>
            http.getBytes(urls.attachmentValue(id, p.attachmentId)),
          );
          return bytes && bytes.length <= MAX_EMBEDDED_BYTES ? { ...p, bytes } : null;
        }),
      );
      const embedded = fetched.filter((p) => p !== null);
      return embedded.length && content.html
        ? { ...content, html: embedPictures(content.html, embedded) }
        : content;
    },
    async getAttachment(id: string, attachmentId: string): Promise<MailAttachmentContent | 'link' | null> {
      const info = translateAttachment(
        await orNullWhen(['not_found'], () => http.get(urls.attachment(id, attachmentId))),
      );
      if (info === null) return null;
      // A link to a cloud file has no bytes (its $value answers 405): the viewer offers no download for it.
      if (info.kind === 'link') return 'link';
      const content = await orNullWhen(['not_found'], () =>
        http.getBytes(urls.attachmentValue(id, attachmentId)),
      );
      if (content === null) return null;
      if (info.kind === 'item') return itemAttachmentFile(info.name, content);
      return { name: info.name, contentType: info.contentType, content };
    },
    async move(id: string, destination: string): Promise<MailMessage> {
      const target = wellKnownFolderName(destination) ?? destination.trim();
      if (!target) throw new MailSourceError('invalid_request', 'A destination folder is required.');
      return translateMessage(await http.post(urls.move(id), { destinationId: target }));
    },
    async delete(id: string): Promise<void> {
      await orNullWhen(['not_found'], () => http.delete(urls.messageDelete(id)));
    },
    async applyMany(operations: MailOperation[]): Promise<MailOperationResult[]> {
      const batchDeps = { send: http.batch, retry, now, sleep, random };
      return applyInBatches(operations, partUrls, batchDeps).catch((err: unknown) => {
        const error = asMailSourceError(err); // a bug, not Graph: still every operation's failure
        return operations.map(() => ({ ok: false as const, error }));
      });
    },
    resolveFolder,
    resolveSubfolder,
    resolveLegacyDn,
    subscriptions: createGraphSubscriptions(http, config.mailbox),
  };
}

/** A saved cursor for another Graph host (the configuration changed) cannot be followed: read everything again. */
function savedLink(cursor: string, graphHost: string): string {
  try {
    return checkNextLink(cursor, graphHost);
  } catch (err) {
    throw new MailSourceError(
      'sync_reset',
      `The saved Inbox position is not usable here: ${(err as Error).message}`,
    );
  }
}
