// Moves and deletes, batched: one UID MOVE per (folder, UIDVALIDITY, destination), the new UIDs learnt from
// UIDPLUS's COPYUID and the moved messages read there in one FETCH. A message whose UID no longer answers
// (moved meanwhile, by us before a crash or by a person) is found by its Message-ID: already in the destination
// is a done move; elsewhere it is moved from there. Deleting something missing is not an error.
import type { ImapFlow } from 'imapflow';
import { MailSourceError, type MailMessage, type MailOperationResult } from '../MailSource.js';
import { toMailSourceError } from './errors.js';
import { decodeMessageId, encodeMessageId, type ImapMessageRef } from './ids.js';
import type { ImapSession } from './session.js';
import { MESSAGE_QUERY, translateMessage } from './translate.js';

export interface MoveRequest {
  /** Position in the caller's operations. */
  index: number;
  ref: ImapMessageRef;
  /** Folder path; null with `remove`: expunged where it is (a mailbox without Trash). */
  destination: string | null;
  /** A delete: answered with no message, and a missing message is fine. */
  remove: boolean;
  /** The message as this source last read it: a MOVE keeps everything but where it is, so no FETCH after it. */
  known?: MailMessage;
}

export interface Finder {
  locate(c: ImapFlow, messageId: string, prefer: string): Promise<MailMessage | null>;
}

type Settle = (index: number, result: MailOperationResult) => void;

export async function moveMessages(
  c: ImapFlow,
  session: ImapSession,
  requests: MoveRequest[],
  finder: Finder,
  settle: Settle,
): Promise<void> {
  const groups = new Map<string, MoveRequest[]>();
  for (const r of requests) {
    const key = JSON.stringify([r.ref.folder, r.ref.uidValidity, r.destination]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const group of groups.values()) {
    try {
      const strays = await moveGroup(c, session, group, settle);
      for (const r of strays) await relocate(c, session, r, finder, settle);
    } catch (err) {
      const e = toMailSourceError(err, 'MOVE');
      if (e.code === 'transient') throw e; // the connection failed: the caller tries again on a new one
      for (const r of group) settle(r.index, { ok: false, error: e });
    }
  }
}

/** Moves a group from its folder in one command; returns the requests whose UID did not answer. */
async function moveGroup(
  c: ImapFlow,
  session: ImapSession,
  group: MoveRequest[],
  settle: Settle,
): Promise<MoveRequest[]> {
  const { folder, uidValidity } = group[0]!.ref;
  const { destination, remove } = group[0]!;
  if (destination === folder) return group; // already there: read it where it is
  const uids = group.map((r) => r.ref.uid).join(',');
  const moved = await session.inFolder(c, folder, async (mailbox) => {
    if (String(mailbox.uidValidity) !== uidValidity) return null; // renumbered: every UID is stale
    if (destination === null) {
      await c.messageDelete(uids, { uid: true });
      return { uidMap: new Map<number, number>(), uidValidity: null };
    }
    const res = await c.messageMove(uids, destination, { uid: true });
    if (res === false) throw await moveRefused(c, destination);
    return { uidMap: res.uidMap ?? null, uidValidity: res.uidValidity ? String(res.uidValidity) : null };
  });
  if (moved === null) return group;
  if (destination === null) {
    for (const r of group) settle(r.index, { ok: true, message: null });
    return [];
  }
  // Without UIDPLUS the new UIDs are unknown: each moved message is found in the destination by Message-ID.
  if (moved.uidMap === null || moved.uidValidity === null) return group;
  const placed = group.filter((r) => moved.uidMap!.has(r.ref.uid));
  const strays = group.filter((r) => !moved.uidMap!.has(r.ref.uid));
  if (remove) {
    for (const r of placed) settle(r.index, { ok: true, message: null });
    return strays;
  }
  const uidValidityThere = moved.uidValidity;
  for (const r of placed.filter((p) => p.known)) {
    const uid = moved.uidMap.get(r.ref.uid)!;
    const id = encodeMessageId({
      folder: destination,
      uidValidity: uidValidityThere,
      uid,
      messageId: r.known!.internetMessageId,
    });
    settle(r.index, { ok: true, message: { ...r.known!, id, parentFolderId: destination } });
  }
  const unknown = placed.filter((p) => !p.known);
  const newUids = unknown.map((r) => moved.uidMap!.get(r.ref.uid)!);
  const read = await session.inFolder(c, destination, async () =>
    newUids.length ? c.fetchAll(newUids.join(','), MESSAGE_QUERY, { uid: true }) : [],
  );
  const byUid = new Map(
    (read ?? []).map((raw) => [raw.uid, translateMessage(destination, moved.uidValidity!, raw)]),
  );
  for (const r of unknown) {
    const message = byUid.get(moved.uidMap.get(r.ref.uid)!);
    if (message) settle(r.index, { ok: true, message });
    else strays.push(r); // moved on again at once: found like any other
  }
  return strays;
}

/** A message whose UID did not answer, found by its Message-ID and moved from where it is now. */
async function relocate(
  c: ImapFlow,
  session: ImapSession,
  r: MoveRequest,
  finder: Finder,
  settle: Settle,
): Promise<void> {
  const gone = () =>
    r.remove
      ? settle(r.index, { ok: true, message: null })
      : settle(r.index, {
          ok: false,
          error: new MailSourceError('not_found', 'The message no longer exists in the mailbox.'),
        });
  if (!r.ref.messageId) return gone();
  const now = await finder.locate(c, r.ref.messageId, r.destination ?? r.ref.folder);
  if (!now) return gone();
  if (now.parentFolderId === r.destination)
    return settle(r.index, { ok: true, message: r.remove ? null : now });
  const again: MoveRequest = { ...r, ref: decodeMessageId(now.id) };
  const strays = await moveGroup(c, session, [again], settle);
  if (strays.length > 0) gone(); // it moved once more while we looked: the next run finds it
}

/** Why a MOVE answered NO: the destination is missing, the connection dropped, or the server refused. */
async function moveRefused(c: ImapFlow, destination: string): Promise<MailSourceError> {
  if (!c.usable) return new MailSourceError('transient', 'The IMAP connection closed during a MOVE.');
  const exists = (await c.list()).some((f) => f.path === destination);
  return exists
    ? new MailSourceError('invalid_request', `The IMAP server refused to move messages to "${destination}".`)
    : new MailSourceError('not_found', `The folder "${destination}" does not exist.`);
}
