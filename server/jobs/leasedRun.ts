// The one way a mailbox is run, by the scheduler and the CLI alike: take the mailbox's lease (owner: this
// process, see engine.ts), close the runs a dead instance left, run with the lease renewed in the background and
// fenced before every page's moves, release it. A process that loses its lease stops before its next page.
import crypto from 'node:crypto';
import type { MailSource } from '../mailsource/MailSource.js';
import type { JobRun } from '../repositories/jobRuns.js';
import type { HeldLease, LeaseRepository } from '../repositories/leases.js';
import type { LoggingSetup } from '../repositories/loggingSetups.js';
import { runMailbox, type EngineDeps, type RunOptions } from './mailboxRun.js';
import { StepError } from './runContext.js';

export interface LeasedRunDeps {
  deps: EngineDeps;
  leases: LeaseRepository;
  sourceFor(setup: LoggingSetup): MailSource;
  /** This process's lease owner: the instance id plus a random token (engine.ts). */
  owner: string;
  leaseTtlMs: number;
}

export interface LeasedMailbox {
  /** Runs the mailbox once under the lease and releases it; never throws for what a JobRun can record. */
  run(opts: Omit<RunOptions, 'guard'>): Promise<JobRun>;
}

export const leaseName = (mailbox: string) => `mailbox:${mailbox}`;

/** A lease owner for this process: the instance id (for people) plus a random token (for the fence). */
export function processOwner(instanceId: string): string {
  return `${instanceId}#${crypto.randomBytes(6).toString('hex')}`;
}

/** Takes the mailbox's lease; null when another process holds it. */
export async function acquireMailbox(d: LeasedRunDeps, setup: LoggingSetup): Promise<LeasedMailbox | null> {
  const lease = await d.leases.acquire(leaseName(setup.mailbox), d.owner, d.leaseTtlMs);
  if (!lease) return null;
  return {
    async run(opts) {
      let held: HeldLease | null = lease;
      const lost = new AbortController();
      const renew = setInterval(async () => {
        held = held && (await d.leases.renew(held, d.leaseTtlMs).catch(() => null));
        if (!held) lost.abort(); // stop after the message in hand
      }, d.leaseTtlMs / 3);
      const signal = opts.signal ? AbortSignal.any([opts.signal, lost.signal]) : lost.signal;
      try {
        await d.deps.jobRuns.closeAbandoned(setup.mailbox, d.deps.now());
        return await runMailbox(d.deps, setup, () => d.sourceFor(setup), {
          ...opts,
          signal,
          // The fence: a renewal can be late (a long 429 wait), so the lease is read again before moving mail.
          guard: async () => {
            if (held && (await d.leases.stillHeld(held))) return;
            held = null;
            throw new StepError(
              'validate_setup',
              'lease_lost',
              'Another server instance took over this mailbox; this run stopped before its next page.',
              true,
            );
          },
        });
      } finally {
        clearInterval(renew);
        if (held) await d.leases.release(held).catch(() => {});
      }
    },
  };
}
