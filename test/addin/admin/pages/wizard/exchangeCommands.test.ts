import assert from 'node:assert/strict';
import fc from 'fast-check';
import { en } from '../../../../../addin/admin/i18n/en.js';
import {
  exchangeCommands,
  powershellString,
} from '../../../../../addin/admin/pages/wizard/exchangeCommands.js';

const NAMES = {
  inbound: en.wizard.exchange.inboundName,
  outbound: en.wizard.exchange.outboundName,
  user: en.wizard.exchange.placeholderUser,
};
const QUOTES = new Set(["'", '\u2018', '\u2019', '\u201A', '\u201B']);

/**
 * Splits a command line as PowerShell's tokenizer does for what these commands use: barewords, and single-quoted
 * strings, in which any of PowerShell's single quotes ends the string unless another follows (a pair stands
 * for the second one). Throws on an unterminated string.
 */
function powershellArgs(line: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] === ' ') {
      i++;
    } else if (QUOTES.has(line[i]!)) {
      let value = '';
      for (i++; ; i++) {
        if (i >= line.length) throw new Error(`unterminated string in ${line}`);
        if (QUOTES.has(line[i]!)) {
          if (!QUOTES.has(line[i + 1] ?? '')) break;
          i++;
        }
        value += line[i];
      }
      i++;
      args.push(value);
    } else {
      const end = line.indexOf(' ', i);
      args.push(line.slice(i, end < 0 ? undefined : end));
      i = end < 0 ? line.length : end;
    }
  }
  return args;
}

/** The arguments the commands should pass, for a mailbox, folder (as Exchange names it) and names. */
function expectedArgs(mailbox: string, folder: string, names: typeof NAMES) {
  return {
    inbound: [
      'New-TransportRule',
      '-Name',
      names.inbound,
      '-FromScope',
      'NotInOrganization',
      '-SentToScope',
      'InOrganization',
      '-BlindCopyTo',
      mailbox,
    ],
    outbound: [
      'New-TransportRule',
      '-Name',
      names.outbound,
      '-FromScope',
      'InOrganization',
      '-SentToScope',
      'NotInOrganization',
      '-BlindCopyTo',
      mailbox,
    ],
    permission: [
      'Add-MailboxFolderPermission',
      '-Identity',
      `${mailbox}:\\${folder}`,
      '-User',
      names.user,
      '-AccessRights',
      'Reviewer',
    ],
  };
}

const parsed = (commands: ReturnType<typeof exchangeCommands>) => ({
  inbound: powershellArgs(commands.inbound),
  outbound: powershellArgs(commands.outbound),
  permission: powershellArgs(commands.permission),
});

describe('addin/admin/pages/wizard/exchangeCommands', () => {
  it('builds the two BCC rules and the archive Read permission, every value single-quoted', () => {
    const commands = exchangeCommands('crm-log@contoso.example', 'Logged', NAMES);
    assert.deepEqual(commands, {
      inbound:
        "New-TransportRule -Name 'Interlog - incoming mail' -FromScope NotInOrganization -SentToScope InOrganization -BlindCopyTo 'crm-log@contoso.example'",
      outbound:
        "New-TransportRule -Name 'Interlog - outgoing mail' -FromScope InOrganization -SentToScope NotInOrganization -BlindCopyTo 'crm-log@contoso.example'",
      permission:
        "Add-MailboxFolderPermission -Identity 'crm-log@contoso.example:\\Logged' -User '<user or group>' -AccessRights Reviewer",
    });
  });

  it('names the well-known archive folder "Archive" and any other folder as typed', () => {
    const archive = exchangeCommands('m@x.example', 'archive', NAMES);
    assert.deepEqual(powershellArgs(archive.permission).slice(1, 3), ['-Identity', 'm@x.example:\\Archive']);
    const nested = exchangeCommands('m@x.example', 'Archive\\CRM', NAMES);
    assert.deepEqual(powershellArgs(nested.permission).slice(1, 3), [
      '-Identity',
      'm@x.example:\\Archive\\CRM',
    ]);
  });

  it('keeps a folder or mailbox name with quotes, $ or ` one literal argument (O\'Brien\'s "CRM")', () => {
    const folder = `O'Brien’s "CRM" $(Remove-Item x) \`n`;
    const mailbox = "o'brien@contoso.example";
    const commands = exchangeCommands(mailbox, folder, NAMES);
    assert.deepEqual(parsed(commands), expectedArgs(mailbox, folder, NAMES));
    assert.ok(commands.permission.includes(`O''Brien’’s "CRM" $(Remove-Item x)`), commands.permission);
  });

  it('passes any mailbox, folder and names through as exactly those arguments', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', ' ', "'", '‘', '’', '‚', '‛', '"', '$', '`', ';', '\\'),
    });
    fc.assert(
      fc.property(
        text,
        text.filter((f) => f !== 'archive'),
        text,
        text,
        text,
        (mailbox, folder, a, b, c) => {
          const names = { inbound: a, outbound: b, user: c };
          assert.deepEqual(
            parsed(exchangeCommands(mailbox, folder, names)),
            expectedArgs(mailbox, folder, names),
          );
        },
      ),
    );
  });

  it('quotes a PowerShell string by doubling its single quotes, typographic ones included', () => {
    assert.equal(powershellString(''), "''");
    assert.equal(powershellString("it's"), "'it''s'");
    assert.equal(powershellString('‘x’ ‚y‛'), "'‘‘x’’ ‚‚y‛‛'");
    assert.equal(powershellString('"$x" `n'), `'"$x" \`n'`);
  });
});
