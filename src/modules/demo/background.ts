/**
 * The demo's synthetic authority loaded after the server listens (`npm start` only), so a
 * newcomer reaches the sign-in page in seconds rather than a minute. Each batch is its own
 * transaction; between batches the load pauses so the requests waiting for the database are
 * answered. Stopped (Ctrl-C) it finishes the batch in hand; the next start resumes it.
 */
export type DemoLoadRun = (afterBatch: (loaded: number, wanted: number) => Promise<void>) => Promise<void>

class Stopped extends Error {}

/** How long the load steps aside between batches for the requests queued behind it. */
const PAUSE_MS = 50

export class DemoBackgroundLoad {
  loaded = 0
  finished = false
  private stopping = false
  private running: Promise<void> | undefined

  constructor(
    readonly children: number,
    alreadyLoaded: number,
    private readonly run: DemoLoadRun,
  ) {
    this.loaded = alreadyLoaded
  }

  /** Starts the load; `done` hears when it finishes, or why it failed. */
  start(done: (err?: unknown) => void, pause: () => Promise<void> = () => wait(PAUSE_MS)): void {
    this.running = this.run(async (loaded) => {
      this.loaded = loaded
      if (this.stopping) throw new Stopped()
      await pause()
      if (this.stopping) throw new Stopped()
    }).then(
      () => {
        this.finished = true
        done()
      },
      (err: unknown) => {
        if (!(err instanceof Stopped)) done(err)
      },
    )
  }

  /** Stops after the batch in hand commits. */
  async stop(): Promise<void> {
    this.stopping = true
    await this.running
  }

  /** What staff are told while it loads: the figures that count these children are not complete. */
  notice(): string | null {
    if (this.finished) return null
    const n = (x: number) => x.toLocaleString('en-GB')
    return `The demo’s synthetic authority is still loading: ${n(this.loaded)} of ${n(this.children)} children so far. Until it finishes, the figures on the home page and the performance and team pages are not complete.`
  }
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
