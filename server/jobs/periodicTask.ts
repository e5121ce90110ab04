// A background job on a timer of its own (retention, link check): one run at a time, the next one after the
// delay the run asks for, and a stop that lets the run in progress reach a safe point (the run reads
// `stopping` between its batches) before it resolves. The timer never keeps the process alive.
export class PeriodicTask {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;
  private stoppingNow = false;

  constructor(
    private readonly o: {
      /** One run; resolves with the delay before the next (ms). */
      run: () => Promise<number>;
      /** A failed run: log it and say when to try again (ms). */
      onError: (err: unknown) => number;
    },
  ) {}

  /** True from `stop()` on: a run should finish its batch and return. */
  get stopping(): boolean {
    return this.stoppingNow;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stoppingNow = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stoppingNow = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const run = this.o.run().catch((err: unknown) => this.o.onError(err));
      this.running = run;
      void run.then((next) => this.schedule(next));
    }, ms);
    this.timer.unref();
  }
}
