// JobRun records: one per run of a mailbox, with counts per outcome and errors with their context.
import type { Models } from './models/index.js';
import type { JobRunDoc } from './models/logging.js';

export type JobRun = JobRunDoc;

const PROJECTION = { _id: 0, __v: 0 } as const;

export class JobRunRepository {
  constructor(private readonly models: Models) {}

  async start(run: JobRun): Promise<void> {
    await this.models.JobRun.create(run);
  }

  /** Saves progress (counts so far) and the final state; the run document is only ever written by its runner. */
  async save(run: JobRun): Promise<void> {
    await this.models.JobRun.updateOne(
      { runId: run.runId },
      {
        $set: {
          finishedAt: run.finishedAt,
          outcome: run.outcome,
          counts: run.counts,
          errors: run.errors.slice(-200),
        },
      },
    );
  }

  /** Runs left 'running' by an instance that died; called by the new lease holder before it starts. */
  async closeAbandoned(mailbox: string, now: Date): Promise<void> {
    await this.models.JobRun.updateMany(
      { mailbox, outcome: 'running' },
      {
        $set: { outcome: 'failed', finishedAt: now },
        $push: {
          errors: {
            context: 'process_message',
            code: 'abandoned',
            message:
              'The server instance running this job stopped before it finished; another instance took over.',
            messageId: null,
            at: now,
          },
        },
      },
    );
  }

  async recent(mailbox: string, limit: number): Promise<JobRun[]> {
    return this.models.JobRun.find({ mailbox }, PROJECTION).sort({ startedAt: -1 }).limit(limit).lean();
  }

  async byId(runId: string): Promise<JobRun | null> {
    return this.models.JobRun.findOne({ runId }, PROJECTION).lean();
  }
}
