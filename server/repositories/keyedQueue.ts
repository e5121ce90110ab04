// One turn at a time per key within a process: a turn over several keys waits for every turn already queued on
// any of them (the timelines' per-contact queue: the last change queued writes the latest state).
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** Waits for the turns already queued for any of these keys; the returned function ends this one. */
  async turn(keys: string[]): Promise<() => void> {
    const before = [...new Set(keys.map((k) => this.tails.get(k)).filter((p) => p !== undefined))];
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    for (const k of keys) this.tails.set(k, mine);
    await Promise.all(before);
    return () => {
      for (const k of keys) if (this.tails.get(k) === mine) this.tails.delete(k);
      release();
    };
  }
}
