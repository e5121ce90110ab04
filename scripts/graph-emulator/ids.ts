// Exchange-shaped identifiers. Real REST ids are URL-safe base64 of a binary entry id that embeds the mailbox
// GUID; they are long (~150 chars), case-sensitive and end in '='. Regular message ids change on every move,
// immutable ids ("AAkALg...") never do; folder ids are the same in both formats (Graph says containers do not
// support immutable ids because theirs never changed). The layouts below only imitate the look.

const REGULAR_ITEM = [0x00, 0x03, 0x24, 0x00];
const IMMUTABLE_ITEM = [0x00, 0x09, 0x00, 0x2e];
const CONVERSATION = [0x00, 0x04, 0x24, 0x00];

function restId(bytes: number[]): string {
  return Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

function counterBytes(n: number, width: number): number[] {
  const out: number[] = [];
  let v = n;
  for (let i = 0; i < width; i += 1) {
    out.unshift(v % 256);
    v = Math.floor(v / 256);
  }
  return out;
}

function ascii(s: string): number[] {
  return Array.from(Buffer.from(s, 'latin1'));
}

/** Deterministic filler so ids have the real length without random bytes (runs stay reproducible). */
function filler(seed: number, width: number): number[] {
  const out: number[] = [];
  let x = (seed * 2654435761) >>> 0;
  for (let i = 0; i < width; i += 1) {
    x = (x * 1103515245 + 12345) >>> 0;
    out.push(x >>> 24);
  }
  return out;
}

export interface IdFactory {
  regularMessageId(): string;
  immutableMessageId(): string;
  folderId(): string;
  conversationId(): string;
}

/** Ids for one mailbox; `next` is a counter shared by the whole emulator so no two ids ever repeat. */
export function createIdFactory(mailboxGuid: string, next: () => number): IdFactory {
  const guid = ascii(mailboxGuid);
  return {
    regularMessageId: () => {
      const n = next();
      return restId([
        ...REGULAR_ITEM,
        ...guid,
        0x00,
        0x46,
        0,
        0,
        0,
        0,
        ...filler(n, 26),
        0x07,
        0x00,
        ...counterBytes(n, 8),
        ...filler(n + 7, 26),
        0,
        0,
        0,
        0,
        0,
      ]);
    },
    immutableMessageId: () => {
      const n = next();
      return restId([
        ...IMMUTABLE_ITEM,
        ...guid,
        0x00,
        0x46,
        0,
        0,
        0,
        0,
        ...filler(n, 26),
        0x07,
        0x00,
        ...counterBytes(n, 8),
        ...filler(n + 3, 26),
        0,
        0,
        0,
        0,
        0,
      ]);
    },
    folderId: () => {
      const n = next();
      return restId([
        ...REGULAR_ITEM,
        ...guid,
        0x00,
        0x2e,
        0,
        0,
        0,
        0,
        ...filler(n, 22),
        0x01,
        0x00,
        ...counterBytes(n, 6),
        0,
        0,
        0,
        0,
      ]);
    },
    conversationId: () => {
      const n = next();
      return restId([...CONVERSATION, ...guid, 0x00, 0x10, 0x00, ...counterBytes(n, 8), ...filler(n, 8)]);
    },
  };
}
