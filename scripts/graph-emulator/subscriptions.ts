// Change notifications as Microsoft documents them for Outlook messages ("Receive change notifications through
// webhooks", the subscription resource, lifecycle notifications): POST/GET/PATCH/DELETE /subscriptions and
// POST /subscriptions/{id}/reauthorize; both endpoints validated at create (a failed handshake refuses it);
// expirationDateTime at most 10,080 minutes ahead; basic notifications (no resource data) POSTed when mail
// arrives in (or is moved into) the subscribed folder; lifecycle events fired by tests.
import { badRequest, GraphHttpError } from './errors.js';
import {
  json,
  noContent,
  requireObjectBody,
  wantsImmutableIds,
  type GraphRequest,
  type GraphResponse,
} from './graph-http.js';
import { messageId } from './message-view.js';
import { prngGuid, type Prng } from './prng.js';
import { httpsUrl, parseResource, subscriptionJson } from './subscription-resource.js';
import type { MailStore, StoredFolder, StoredMailbox, StoredMessage } from './store.js';
import {
  deliver,
  validateEndpoint,
  type DeliveryKind,
  type DeliveryRecord,
} from './subscription-delivery.js';
import type { Principal } from './tokens.js';
import type { LifecycleEvent, SubscriptionControl, SubscriptionSnapshot } from './types.js';

/** Outlook message subscriptions last at most this long (the subscription resource's table). */
export const MAX_MESSAGE_SUBSCRIPTION_MINUTES = 10_080;
export const MAX_CLIENT_STATE_LENGTH = 128;
/** Graph batches notifications; the emulator sends at most this many per POST. */
const MAX_VALUES_PER_POST = 100;
const CHANGE_TYPES = new Set(['created', 'updated', 'deleted']);

interface Subscription extends SubscriptionSnapshot {
  expiresMs: number;
  mailbox: StoredMailbox;
  /** null: every message of the mailbox (users/{id}/messages). */
  folder: StoredFolder | null;
  immutableIds: boolean;
  queue: object[];
  flushing: boolean;
}

export interface SubscriptionDeps {
  store: MailStore;
  tenantId: string;
  now: () => number;
  random: Prng;
  sleep: (ms: number) => Promise<void>;
  /** Throws Graph's error when the principal may not read the mailbox (same rules as GET on its messages). */
  checkRead: (req: GraphRequest, mb: StoredMailbox, principal: Principal) => void;
}

const notFound = () => new GraphHttpError(404, 'ResourceNotFound', 'The object was not found.');

export class SubscriptionService {
  private readonly subs = new Map<string, Subscription>();
  private offsetMs = 0;
  private deliveryOn = true;
  private closed = false;
  readonly deliveries: DeliveryRecord[] = [];
  readonly stats = {
    created: 0,
    renewed: 0,
    reauthorized: 0,
    deleted: 0,
    expired: 0,
    validationsFailed: 0,
    delivered: 0,
    dropped: 0,
    pending: 0,
  };

  constructor(private readonly d: SubscriptionDeps) {}

  private clock(): number {
    return this.d.now() + this.offsetMs;
  }

  /** Expired subscriptions simply stop (Graph sends nothing when one lapses). */
  private sweep(): void {
    const now = this.clock();
    for (const [id, s] of this.subs)
      if (s.expiresMs <= now) {
        this.subs.delete(id);
        this.stats.expired += 1;
      }
  }

  private log = { record: (r: DeliveryRecord) => void this.deliveries.push(r) };

  async handle(req: GraphRequest, principal: Principal): Promise<GraphResponse> {
    this.sweep();
    const [, id, action, ...extra] = req.segments;
    if (extra.length) throw badRequest(`Resource not found for the segment '${extra[0]}'.`);
    const m = req.method;
    if (id === undefined) {
      if (m === 'POST') return this.create(req, principal);
      if (m === 'GET') {
        const mine = [...this.subs.values()].filter((s) => s.applicationId === principal.clientId);
        return json(200, { value: mine.map((s) => subscriptionJson(s, false)) });
      }
      throw new GraphHttpError(405, 'BadRequest', `The HTTP method '${m}' is not allowed for this resource.`);
    }
    const sub = this.subs.get(id);
    if (!sub || sub.applicationId !== principal.clientId) throw notFound();
    if (action !== undefined) {
      if (action.toLowerCase() === 'reauthorize' && m === 'POST') {
        sub.reauthorizationRequired = false;
        this.stats.reauthorized += 1;
        return noContent();
      }
      throw badRequest(`Resource not found for the segment '${action}'.`);
    }
    if (m === 'GET') return json(200, subscriptionJson(sub, false));
    if (m === 'DELETE') {
      this.subs.delete(id);
      this.stats.deleted += 1;
      return noContent();
    }
    if (m === 'PATCH') {
      const body = requireObjectBody(req);
      sub.expiresMs = this.expiry(body.expirationDateTime);
      sub.expirationDateTime = new Date(sub.expiresMs).toISOString();
      sub.reauthorizationRequired = false; // a renewal reauthorizes too
      this.stats.renewed += 1;
      return json(200, subscriptionJson(sub, false));
    }
    throw new GraphHttpError(405, 'BadRequest', `The HTTP method '${m}' is not allowed for this resource.`);
  }

  private expiry(raw: unknown): number {
    const ms = typeof raw === 'string' ? Date.parse(raw) : NaN;
    if (Number.isNaN(ms)) throw badRequest('expirationDateTime is required and must be a date-time.');
    const now = this.clock();
    if (ms <= now) throw badRequest('Subscription expiration date must be in the future.');
    if (ms > now + MAX_MESSAGE_SUBSCRIPTION_MINUTES * 60_000) {
      throw badRequest(
        `Subscription expiration can only be ${MAX_MESSAGE_SUBSCRIPTION_MINUTES} minutes in the future.`,
      );
    }
    return ms;
  }

  private async create(req: GraphRequest, principal: Principal): Promise<GraphResponse> {
    const body = requireObjectBody(req);
    const changeType = typeof body.changeType === 'string' ? body.changeType : '';
    const types = changeType.split(',').map((t) => t.trim());
    if (!types.length || types.some((t) => !CHANGE_TYPES.has(t)))
      throw badRequest(`Invalid changeType '${changeType}'.`);
    const notificationUrl = httpsUrl(body.notificationUrl, 'notificationUrl');
    const lifecycleNotificationUrl =
      body.lifecycleNotificationUrl == null
        ? null
        : httpsUrl(body.lifecycleNotificationUrl, 'lifecycleNotificationUrl');
    const clientState = body.clientState == null ? null : String(body.clientState);
    if (clientState !== null && clientState.length > MAX_CLIENT_STATE_LENGTH)
      throw badRequest(`clientState can be at most ${MAX_CLIENT_STATE_LENGTH} characters.`);
    const expiresMs = this.expiry(body.expirationDateTime);
    const { mailbox, folder } = parseResource(this.d.store, body.resource, principal);
    this.d.checkRead({ ...req, method: 'GET' }, mailbox, principal);
    // "Delegated permission supports subscribing to items in folders in only the signed-in user's mailbox" and
    // never through Mail.Read.Shared / Mail.ReadWrite.Shared (Microsoft's Outlook change-notification notes).
    if (principal.kind !== 'app') {
      const own = principal.user!.username.toLowerCase() === mailbox.address;
      const plain = principal.scopes.some((x) => /^mail\.read(write)?$/i.test(x));
      if (!own || !plain)
        throw new GraphHttpError(
          403,
          'ExtensionError',
          'Operation: Create; Exception: [Status Code: Forbidden; Reason: Access is denied. Check credentials and try again.]',
        );
    }
    // Graph validates every endpoint before it answers the create; a failed handshake refuses it.
    for (const url of lifecycleNotificationUrl
      ? [notificationUrl, lifecycleNotificationUrl]
      : [notificationUrl]) {
      const token = `Validation: Testing client application reachability for subscription Request-Id: ${req.requestId}`;
      if (!(await validateEndpoint(url, token, this.log))) {
        this.stats.validationsFailed += 1;
        throw new GraphHttpError(
          400,
          'ValidationError',
          'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.',
        );
      }
    }
    const sub: Subscription = {
      id: prngGuid(this.d.random),
      resource: String(body.resource),
      changeType,
      applicationId: principal.clientId,
      notificationUrl,
      lifecycleNotificationUrl,
      clientState,
      expirationDateTime: new Date(expiresMs).toISOString(),
      reauthorizationRequired: false,
      expiresMs,
      mailbox,
      folder,
      immutableIds: wantsImmutableIds(req.headers),
      queue: [],
      flushing: false,
    };
    this.subs.set(sub.id, sub);
    this.stats.created += 1;
    return json(201, subscriptionJson(sub, true));
  }

  /** The store calls this when a message lands in a folder (new mail, or moved there): `created` for it. */
  messageArrived(msg: StoredMessage): void {
    if (this.closed || this.subs.size === 0) return;
    this.sweep();
    for (const s of this.subs.values()) {
      if (s.mailbox !== msg.mailbox || (s.folder && s.folder !== msg.folder)) continue;
      if (!s.changeType.split(',').includes('created')) continue;
      if (!this.deliveryOn || s.reauthorizationRequired) {
        this.stats.dropped += 1; // Graph stops notifying until the subscription is reauthorized
        continue;
      }
      const id = messageId(msg, s.immutableIds);
      const path = `Users/${s.mailbox.id}/Messages/${id}`;
      s.queue.push({
        subscriptionId: s.id,
        subscriptionExpirationDateTime: s.expirationDateTime,
        changeType: 'created',
        resource: path,
        resourceData: {
          '@odata.type': '#Microsoft.Graph.Message',
          '@odata.id': path,
          '@odata.etag': `W/"CQAAABYAAAB${msg.seq.toString(36)}"`,
          id,
        },
        clientState: s.clientState,
        tenantId: this.d.tenantId,
      });
      this.stats.pending += 1;
      this.flushSoon(s);
    }
  }

  /** Notifications that arrive together go out together (Graph batches a collection per POST). */
  private flushSoon(s: Subscription): void {
    if (s.flushing) return;
    s.flushing = true;
    void this.d.sleep(0).then(async () => {
      while (s.queue.length && !this.closed) {
        const batch = s.queue.splice(0, MAX_VALUES_PER_POST);
        await this.send(s.notificationUrl, 'change', batch, batch.length);
        this.stats.pending -= batch.length;
      }
      s.flushing = false;
    });
  }

  private async send(url: string, kind: DeliveryKind, value: object[], count: number): Promise<boolean> {
    const ok = await deliver(url, kind, value, this.log, this.d.sleep, () => this.closed);
    if (ok) this.stats.delivered += count;
    else this.stats.dropped += count;
    return ok;
  }

  async fireLifecycle(id: string, event: LifecycleEvent): Promise<boolean> {
    const s = this.subs.get(id);
    if (!s) throw new Error(`Graph emulator: no subscription '${id}'`);
    if (!s.lifecycleNotificationUrl) return false; // no lifecycle URL, no lifecycle notifications
    if (event === 'subscriptionRemoved') this.subs.delete(id);
    if (event === 'reauthorizationRequired') s.reauthorizationRequired = true;
    const value = {
      subscriptionId: s.id,
      subscriptionExpirationDateTime: s.expirationDateTime,
      tenantId: this.d.tenantId,
      clientState: s.clientState,
      lifecycleEvent: event,
    };
    return this.send(s.lifecycleNotificationUrl, 'lifecycle', [value], 0);
  }

  control(): SubscriptionControl {
    return {
      list: () => {
        this.sweep();
        return [...this.subs.values()].map((s) => ({
          id: s.id,
          resource: s.resource,
          changeType: s.changeType,
          applicationId: s.applicationId,
          notificationUrl: s.notificationUrl,
          lifecycleNotificationUrl: s.lifecycleNotificationUrl,
          clientState: s.clientState,
          expirationDateTime: s.expirationDateTime,
          reauthorizationRequired: s.reauthorizationRequired,
        }));
      },
      fireLifecycle: (id, event) => this.fireLifecycle(id, event),
      advanceClock: (ms) => {
        this.offsetMs += ms;
        this.sweep();
      },
      clock: () => this.clock(),
      setDelivery: (on) => {
        this.deliveryOn = on;
      },
      deliveries: this.deliveries,
      stats: this.stats,
    };
  }

  close(): void {
    this.closed = true;
  }
}
