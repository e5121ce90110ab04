// GET /v1.0/users?$filter=... : the directory's users, as the engine asks for them to resolve Exchange X.500
// addresses. Graph needs User.Read.All (or Directory.Read.All) for an app, User.ReadBasic.All or more for a user,
// else 403 Authorization_RequestDenied. Filters understood (as Graph documents them for users):
//   proxyAddresses/any(x:x eq 'X500:/o=...')     (case-insensitive, as directory strings compare)
//   mailNickname eq 'alias'   mail eq 'a@b'   userPrincipalName eq 'a@b'
// `$select` and `$top` are honoured; anything else in $filter is a 400 that names what the emulator supports.
import { badRequest, GraphHttpError } from './errors.js';
import { json, type GraphResponse } from './graph-http.js';
import type { Principal } from './tokens.js';
import type { DirectoryUserSeed } from './types.js';

const APP_ROLES = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const USER_SCOPES = ['User.ReadBasic.All', 'User.Read.All', 'Directory.Read.All'];

const literal = (quoted: string) => quoted.slice(1, -1).replace(/''/g, "'");

type Predicate = (u: DirectoryUserSeed) => boolean;

function parseFilter(filter: string): Predicate {
  const any = /^\s*proxyAddresses\/any\(\s*(\w+)\s*:\s*\1\s+eq\s+('(?:[^']|'')*')\s*\)\s*$/i.exec(filter);
  if (any) {
    const wanted = literal(any[2]!).toLowerCase();
    return (u) => (u.proxyAddresses ?? []).some((p) => p.toLowerCase() === wanted);
  }
  const eq = /^\s*(mailNickname|mail|userPrincipalName)\s+eq\s+('(?:[^']|'')*')\s*$/i.exec(filter);
  if (eq) {
    const field = eq[1]!.toLowerCase() as 'mailnickname' | 'mail' | 'userprincipalname';
    const wanted = literal(eq[2]!).toLowerCase();
    const value = (u: DirectoryUserSeed) =>
      field === 'mailnickname' ? u.mailNickname : field === 'mail' ? u.mail : u.userPrincipalName;
    return (u) => (value(u) ?? '').toLowerCase() === wanted;
  }
  throw badRequest(
    `The emulator filters users by proxyAddresses/any(x:x eq '...'), mailNickname, mail or userPrincipalName eq: ${filter}`,
  );
}

export function listDirectoryUsers(
  query: URLSearchParams,
  principal: Principal,
  users: DirectoryUserSeed[],
  baseUrl: string,
): GraphResponse {
  const allowed =
    principal.kind === 'app'
      ? principal.roles.some((r) => APP_ROLES.includes(r))
      : principal.scopes.some((s) => USER_SCOPES.includes(s));
  if (!allowed) {
    throw new GraphHttpError(
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    );
  }
  const filter = query.get('$filter');
  const matches = filter === null ? users : users.filter(parseFilter(filter));
  const top = Number(query.get('$top') ?? 100);
  const select =
    query
      .get('$select')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean) ?? null;
  const shown = matches.slice(0, Number.isInteger(top) && top > 0 ? top : 100).map((u) => {
    const full: Record<string, unknown> = {
      id: u.id,
      displayName: u.displayName,
      mail: u.mail ?? null,
      userPrincipalName: u.userPrincipalName,
      mailNickname: u.mailNickname ?? null,
      proxyAddresses: u.proxyAddresses ?? [],
    };
    return select ? Object.fromEntries(select.map((k) => [k, full[k] ?? null])) : full;
  });
  return json(200, {
    '@odata.context': `${baseUrl}/v1.0/$metadata#users${select ? `(${select.join(',')})` : ''}`,
    value: shown,
  });
}
