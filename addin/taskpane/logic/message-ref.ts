// The read item as the API's MessageRef (what POST /log-email and "create opportunity from this email" send).
import type { MessageParty, MessageRef } from '../../../shared/api/messages.js';
import type { MailParty, ReadMessage } from '../../office/types.js';

const party = (p: MailParty): MessageParty => ({
  address: p.address.slice(0, 320),
  name: p.name.slice(0, 500),
});

/** Null when Outlook has not given what logging needs yet (a just-sent item has no internetMessageId). */
export function toMessageRef(item: ReadMessage): MessageRef | null {
  if (!item.internetMessageId || !item.dateTimeCreated || !item.from) return null;
  const sender = item.sender && item.sender.address !== item.from.address ? party(item.sender) : undefined;
  return {
    internetMessageId: item.internetMessageId,
    subject: item.subject.slice(0, 2000),
    sentDateTime: item.dateTimeCreated,
    from: party(item.from),
    ...(sender ? { sender } : {}),
    to: item.to.slice(0, 500).map(party),
    cc: item.cc.slice(0, 500).map(party),
    ...(item.restId ? { itemRestId: item.restId } : {}),
    ...(item.conversationId ? { conversationId: item.conversationId } : {}),
  };
}
