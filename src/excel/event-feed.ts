// Office event handlers held once per host and shared. Removing an Office event handler needs the request context it
// was added in, so the pane registers each event with Excel once for its lifetime and only its own listeners come and
// go: the selection (selection.ts) and edits of the rules sheet (rules-sheet-edits.ts).
import type { HostRun } from './host';

/** A registration with Excel that calls every listener in its set. */
export interface EventFeed<Listener> {
  readonly listeners: Set<Listener>;
}

/** The feeds of one kind of event, one per host, each started on first use (null where the host cannot tell). */
export class FeedsByHost<Listener, Feed extends EventFeed<Listener>> {
  private readonly feeds = new WeakMap<HostRun, Promise<Feed | null>>();

  constructor(private readonly start: (run: HostRun) => Promise<Feed | null>) {}

  /** Adds `listener` to the host's feed; resolves to a stop function, or null where Excel cannot tell. */
  async follow(run: HostRun, listener: Listener): Promise<(() => void) | null> {
    let feed = this.feeds.get(run);
    if (!feed) {
      feed = this.start(run);
      this.feeds.set(run, feed);
    }
    const started = await feed;
    if (!started) return null;
    started.listeners.add(listener);
    return () => {
      started.listeners.delete(listener);
    };
  }
}
