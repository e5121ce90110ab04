// The tests' real mail servers (Dovecot and Postfix): scripts/lib/mailServers.ts, shared with `npm start -- --imap`.
export * from '../../scripts/lib/mailServers.js';
