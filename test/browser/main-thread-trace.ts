// The pane's main thread as a Chrome trace shows it, for the long-tasks bench and the large-cohort test: each task's
// CPU time (the thread's own time, which other programs on the machine do not stretch), and a heartbeat's gaps. The
// heartbeat is a 10 ms interval timer that marks the trace: between two beats, the main thread's CPU time in the
// tasks run in between is how long the page kept its timer waiting, a run of short tasks too; load stretches the
// gap's wall time but not its CPU time, and more load brings no more beats into a job done in one piece.
import type { Browser, Page } from 'playwright-core';

export const HEARTBEAT_MS = 10;
const HEARTBEAT = 'qualcheck-heartbeat';
const CATEGORIES = ['toplevel', 'blink.user_timing'];

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  /** The thread's own (CPU) time in the task, µs: what the task cost, whatever else the machine was running. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

export interface HeartbeatGap {
  /** The most main-thread CPU time between two beats, ms. */
  cpuMs: number;
  /** The longest wall time between two beats, ms (stretched by the machine's load). */
  wallMs: number;
  beats: number;
}

/** Starts the heartbeat in every document the page loads (before its scripts). */
export async function installHeartbeat(page: Page): Promise<void> {
  await page.addInitScript(
    ([interval, mark]) => {
      setInterval(() => {
        performance.mark(mark);
        performance.clearMarks(mark);
      }, interval);
    },
    [HEARTBEAT_MS, HEARTBEAT] as const,
  );
}

function isBeat(e: TraceEvent): boolean {
  return e.name === HEARTBEAT && (e.cat ?? '').includes('blink.user_timing');
}

/**
 * The page's main thread's top-level tasks in a trace: the thread the heartbeat marked, else the first renderer's
 * main thread.
 */
export function mainThreadTasks(events: TraceEvent[]): TraceEvent[] {
  const main = events.find(isBeat) ?? events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  return events.filter(
    (e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && /RunTask/.test(e.name),
  );
}

/** The main-thread task that took the most CPU time in a trace. */
export function longestTraceTask(events: TraceEvent[]): { ts: number; dur: number } | undefined {
  const tasks = mainThreadTasks(events);
  return tasks.reduce<TraceEvent | undefined>((a, b) => (!a || (b.tdur ?? 0) > (a.tdur ?? 0) ? b : a), undefined) as
    { ts: number; dur: number } | undefined;
}

/** The most CPU time one main-thread task took, in ms: the long-task figure with the machine's load taken out. */
export function longestTaskCpu(events: TraceEvent[]): number {
  return Math.max(0, ...mainThreadTasks(events).map((e) => (e.tdur ?? 0) / 1000));
}

/**
 * The heartbeat's longest gap, in the main thread's CPU time and in wall time (ms): between two tasks that marked a
 * beat, the CPU time of the tasks run in between, and the time from the end of one to the start of the next.
 */
export function heartbeatGap(events: TraceEvent[]): HeartbeatGap {
  const tasks: TraceEvent[] = [];
  for (const task of mainThreadTasks(events).sort((a, b) => a.ts - b.ts)) {
    const last = tasks[tasks.length - 1];
    // A task nested in another (a nested run loop) is counted in the outer one.
    if (!last || task.ts >= last.ts + (last.dur ?? 0)) tasks.push(task);
  }
  const marks = events
    .filter(isBeat)
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  const beating = new Set<number>();
  let t = 0;
  for (const at of marks) {
    while (t < tasks.length && tasks[t].ts + (tasks[t].dur ?? 0) < at) t++;
    if (t < tasks.length && tasks[t].ts <= at) beating.add(t);
  }
  let cpuMs = 0;
  let wallMs = 0;
  let previous = -1;
  let cpu = 0;
  for (let i = 0; i < tasks.length; i++) {
    if (!beating.has(i)) {
      if (previous >= 0) cpu += tasks[i].tdur ?? 0;
      continue;
    }
    if (previous >= 0) {
      cpuMs = Math.max(cpuMs, cpu / 1000);
      wallMs = Math.max(wallMs, (tasks[i].ts - (tasks[previous].ts + (tasks[previous].dur ?? 0))) / 1000);
    }
    previous = i;
    cpu = 0;
  }
  return { cpuMs, wallMs, beats: beating.size };
}

/** Traces the browser from now; `stop` gives the trace's events. `more` adds categories (a profile's). */
export async function traceMainThread(
  browser: Browser,
  page: Page,
  more: string[] = [],
): Promise<{ stop: () => Promise<TraceEvent[]> }> {
  await browser.startTracing(page, { categories: [...CATEGORIES, ...more] });
  return {
    stop: async () =>
      (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents,
  };
}
