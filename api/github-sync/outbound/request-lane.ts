/**
 * One GitHub request at a time from this process's sync worker, in the order jobs queue for it:
 * GitHub asks a client to send its requests one after another, never side by side. A job holds the
 * lane from waiting for its write slot until GitHub's answer is recorded (with the link, for a
 * write: github-call.ts), then lets it go; the worker starts the next job as soon as this one
 * holds the lane, so the next job reads what it needs from the database while this one's request
 * is out (see start-sync-worker.ts).
 */
export class RequestLane {
  private tail: Promise<void> = Promise.resolve();

  /** A job's own handle on the lane: holding it again while held is a no-op. */
  forJob(): JobLane {
    let markHeld!: () => void;
    const held = new Promise<void>((resolve) => {
      markHeld = resolve;
    });
    let turn: Promise<() => void> | null = null;
    return {
      held,
      hold: async () => {
        turn ??= this.enter();
        await turn;
        markHeld();
      },
      letGo: async () => {
        if (!turn) return;
        const release = await turn;
        turn = null;
        release();
      },
    };
  }

  /** Resolves with the release once every earlier holder has let go. */
  private enter(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.tail;
    this.tail = previous.then(() => released);
    return previous.then(() => release);
  }
}

export type JobLane = {
  /** Settles when the job first holds the lane (never, for a job that sends nothing). */
  held: Promise<void>;
  /** Waits for the lane unless this job holds it already. */
  hold: () => Promise<void>;
  /** Lets the next job in; nothing when not held. */
  letGo: () => Promise<void>;
};
