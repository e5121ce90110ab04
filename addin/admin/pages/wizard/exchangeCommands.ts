// The Exchange Online PowerShell the Exchange step shows (pure): the two mail-flow rules that BCC the shared
// mailbox and the job account's Read permission on the archive folder. Every value is a PowerShell single-quoted
// string, so a name with quotes, "$" or "`" is taken literally instead of breaking (or changing) the command.

/**
 * A PowerShell single-quoted string literal of `text`. Inside one only a single quote is special, and it is
 * escaped by doubling it; PowerShell also takes the typographic quotes (‘ ’ ‚ ‛) for single quotes, which a name
 * typed in Word or Outlook may well contain, so those are doubled too.
 */
export function powershellString(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201A\u201B]/g, '$&$&')}'`;
}

/** The archive folder as Exchange names it: "archive" is the well-known Archive folder (shown as "Archive"). */
const folderName = (archiveFolder: string) => (archiveFolder === 'archive' ? 'Archive' : archiveFolder);

export function exchangeCommands(
  mailbox: string,
  archiveFolder: string,
  names: { inbound: string; outbound: string; user: string },
) {
  const q = powershellString;
  return {
    inbound: `New-TransportRule -Name ${q(names.inbound)} -FromScope NotInOrganization -SentToScope InOrganization -BlindCopyTo ${q(mailbox)}`,
    outbound: `New-TransportRule -Name ${q(names.outbound)} -FromScope InOrganization -SentToScope NotInOrganization -BlindCopyTo ${q(mailbox)}`,
    permission: `Add-MailboxFolderPermission -Identity ${q(`${mailbox}:\\${folderName(archiveFolder)}`)} -User ${q(names.user)} -AccessRights Reviewer`,
  };
}
