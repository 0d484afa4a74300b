// The longest tasks of the pane's main thread at 20,000 learners (the sample's 34 repeated, on the fake host), in
// headless Chromium, per action: opening Registration (read and checked), changing its date, Check (read, check,
// write), What-if opened on a learner after the check and its Apply on that learner.
// Goal (issue 27): no task over 100 ms in any job (the first read of the page aside, which includes loading the pane;
// issue 13's goal was 200 ms). The goal is held by each task's CPU time, the main thread's own time in a Chrome trace
// (`maxMs`, by job `cpuMs`): on this shared 2-core machine a task's wall time is mostly other programs' turns (a 60 ms
// task measured 300 ms at a load of 12), so a wall-time figure says how busy the machine was, not how long the pane
// holds its thread. Wall time is printed beside it (`wallMs`, from PerformanceObserver "longtask" entries, tasks over
// 50 ms; `maxWallMs`) with the load average, and is the goal's figure on a quiet machine, where the two agree.
// A heartbeat (a 10 ms interval timer marking the trace) says the same from the page's side: its longest gap in CPU
// time (`heartbeat.cpuMs`: the main thread's time in the tasks run between two beats) counts every task that kept the
// timer waiting, a run of short tasks too, and load cannot stretch it; its wall-time gap is printed too.
// The fake host's own work (it serialises every sync to size it) runs on the pane's thread here, so these figures
// are an upper bound of what the pane costs in Excel.
//   npx tsx bench/long-tasks.ts [learners, default 20000] [--json] [--profile]
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { CDPSession, Page } from 'playwright-core';
import { cohortOf, sampleGrid } from '../test/fake-excel/sample';
import { startPaneSession, workbookOfGrid } from '../test/browser/pane-session';
import {
  heartbeatGap,
  installHeartbeat,
  longestTaskCpu,
  longestTraceTask,
  traceMainThread,
  type HeartbeatGap,
} from '../test/browser/main-thread-trace';

const json = process.argv.includes('--json');
const profile = process.argv.includes('--profile');
const LEARNERS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 20_000);
const GOAL_MS = 100;
const LONG = 300_000;

declare global {
  interface Window {
    __longTasks?: number[];
  }
}

/** The longest task since the last call, in ms (0 when none was over 50 ms). */
async function longestTask(page: Page): Promise<number> {
  return page.evaluate(() => {
    const longest = Math.max(0, ...(window.__longTasks ?? []));
    window.__longTasks = [];
    return longest;
  });
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/**
 * What the longest run of busy samples in a CPU profile (about the job's longest task) spent its time in: the
 * functions with the most time under them (inclusive), with their own (self) time, as printable lines.
 */
function longestRunProfile(
  profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[]; startTime: number },
  task: { ts: number; dur: number } | undefined,
): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const idle = (i: number) => byId.get(samples[i])!.callFrame.functionName === '(idle)';
  let best = { from: 0, to: 0, ms: 0 };
  if (task) {
    // The task's window from the trace: the samples taken in it (both clocks are the browser's, in µs).
    let at = profile.startTime;
    const times = deltas.map((d) => (at += d));
    const from = times.findIndex((t) => t >= task.ts);
    const to = times.findIndex((t) => t > task.ts + task.dur);
    best = { from: Math.max(0, from), to: to < 0 ? samples.length : to, ms: task.dur / 1000 };
  }
  for (let i = 0; !task && i < samples.length;) {
    if (idle(i)) {
      i++;
      continue;
    }
    let j = i;
    let ms = 0;
    while (j < samples.length && !idle(j)) ms += (deltas[++j] ?? 0) / 1000;
    if (ms > best.ms) best = { from: i, to: j, ms };
    i = j;
  }
  const name = (id: number) => {
    const frame = byId.get(id)!.callFrame;
    return `${frame.functionName || '(anonymous)'} (${frame.url.split('/').pop()}:${frame.lineNumber + 1})`;
  };
  const inclusive = new Map<string, number>();
  const self = new Map<string, number>();
  // The fake host (office.js here) runs on the pane's thread, sizing every sync: its time is not the add-in's.
  let fakeHost = 0;
  for (let i = best.from; i < best.to; i++) {
    const ms = (deltas[i + 1] ?? 0) / 1000;
    for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id))
      if (byId.get(id)!.callFrame.url.endsWith('/office.js')) {
        fakeHost += ms;
        break;
      }
    self.set(name(samples[i]), (self.get(name(samples[i])) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) seen.add(name(id));
    for (const key of seen) inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
  }
  return [
    `  ${task ? 'longest task' : 'longest busy run'} ${best.ms.toFixed(0)} ms, of which the fake host ${fakeHost.toFixed(0)} ms (total, self ms):`,
    ...[...inclusive]
      .filter(([key]) => !key.startsWith('(root)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, Number(process.env.PROFILE_LINES ?? 25))
      .map(([key, ms]) => `    ${ms.toFixed(0).padStart(5)} ${(self.get(key) ?? 0).toFixed(0).padStart(5)} ${key}`),
  ];
}

/** The machine's load average over the last minute (other programs sharing the 2 cores stretch wall times). */
function loadAverage(): number {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
}

async function main(): Promise<void> {
  const session = await startPaneSession();
  try {
    const { grid, sheetName } = await sampleGrid();
    const recorded = await session.withWorkbook(workbookOfGrid(cohortOf(grid, LEARNERS), sheetName), 380);
    const { page } = recorded;
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longTasks!.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await installHeartbeat(page);
    await page.goto(session.paneUrl);
    await page.getByTestId('found-panel').waitFor({ timeout: LONG });
    const figures: Record<string, number> = { firstRead: await longestTask(page) };
    // A trace per job gives each task's CPU time (its own thread's time, so the machine's load is taken out); with
    // --profile, a CPU profile too, and what the longest task spent its time in is printed (build the pane unminified
    // to read the names: webpack --mode production --no-optimization-minimize --env testHost).
    const more = profile ? ['devtools.timeline'] : [];
    const cpu: Record<string, number> = {};
    const heartbeat: Record<string, HeartbeatGap> = {};
    const load: number[] = [loadAverage()];
    let cdp: CDPSession | undefined;
    if (profile) {
      cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    let trace = await traceMainThread(session.browser, page, more);
    const jobEnd = async (job: string): Promise<number> => {
      const events = await trace.stop();
      cpu[job] = Math.round(longestTaskCpu(events));
      const gap = heartbeatGap(events);
      heartbeat[job] = { cpuMs: Math.round(gap.cpuMs), wallMs: Math.round(gap.wallMs), beats: gap.beats };
      load.push(loadAverage());
      if (cdp) {
        const { profile: taken } = await cdp.send('Profiler.stop');
        console.error(`${job}:\n${longestRunProfile(taken as never, longestTraceTask(events)).join('\n')}`);
        await cdp.send('Profiler.start');
      }
      trace = await traceMainThread(session.browser, page, more);
      return longestTask(page);
    };

    await page.getByRole('tab', { name: 'Registration' }).click();
    await page.getByTestId('registration-held-back').getByTestId('learner').first().waitFor({ timeout: LONG });
    figures.registrationOpen = await jobEnd('registrationOpen');

    await page.getByTestId('registration-date').fill('2013-06-01');
    await page.waitForFunction(
      () => {
        const text = document.querySelector('[data-testid="registration-counts"]')?.textContent ?? '';
        return /learners ready to register/.test(text) && !/^0 of/.test(text);
      },
      undefined,
      { timeout: LONG },
    );
    figures.dateChange = await jobEnd('dateChange');

    await page.getByRole('tab', { name: 'Check cohort' }).click();
    await page.getByTestId('check').click();
    await page.getByTestId('undo-continue').click();
    await page.getByTestId('summary-heading').waitFor({ timeout: LONG });
    figures.check = await jobEnd('check');

    await page.getByRole('tab', { name: 'What-if' }).click();
    await page.evaluate(
      ([sheet]) => {
        const book = window.__qualcheckFake!.book;
        book.activeSheet = sheet;
        book.select(sheet, 'A8');
      },
      [sheetName] as const,
    );
    const radio = page.locator('[data-testid^="unit-"][data-choice="none"]').first().getByRole('radio', {
      name: 'Planned',
    });
    await radio.waitFor({ timeout: LONG });
    figures.whatifOpen = await jobEnd('whatifOpen');
    await radio.check();
    await page.getByTestId('whatif-apply').click();
    await page.getByTestId('whatif-success').waitFor({ timeout: LONG });
    figures.apply = await jobEnd('apply');

    // By job: the longest task in CPU time (the goal's figure), and in wall time from the longtask entries.
    const wallMs = Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Math.round(v)]));
    const longest = (byJob: Record<string, number>): [string, number] =>
      Object.entries(byJob)
        .filter(([job]) => job !== 'firstRead')
        .reduce((a, b) => (b[1] > a[1] ? b : a));
    const [maxJob, maxMs] = longest(cpu);
    const [maxWallJob, maxWallMs] = longest(wallMs);
    const heartbeatMaxCpuMs = Math.max(...Object.values(heartbeat).map((h) => h.cpuMs));
    const loads = { from: Math.min(...load), to: Math.max(...load) };
    if (json) {
      console.log(
        JSON.stringify({
          longTasks: {
            learners: LEARNERS,
            ...cpu,
            maxMs,
            maxJob,
            measure: 'main-thread CPU time of the longest task',
            cpuMs: cpu,
            maxCpuMs: maxMs,
            wallMs,
            maxWallMs,
            maxWallJob,
            heartbeat,
            heartbeatMaxCpuMs,
            loadAverage: loads,
          },
        }),
      );
      return;
    }
    const met = (ms: number) => (ms <= GOAL_MS ? 'met' : 'NOT met');
    console.log(
      `long tasks at ${LEARNERS.toLocaleString('en-GB')} learners, load average ${loads.from.toFixed(1)}–${loads.to.toFixed(1)} on ${cpus().length} cores`,
    );
    console.log(
      `  longest task in the main thread's CPU time (the goal's figure, <= ${GOAL_MS} ms: load does not stretch it); in wall time (stretched by load); heartbeat's longest gap, CPU / wall:`,
    );
    const names: Record<string, string> = {
      registrationOpen: 'Registration opened',
      dateChange: 'registration date changed',
      check: 'Check (read, check, write)',
      whatifOpen: 'What-if opened on a learner',
      apply: 'What-if Apply',
    };
    console.log(`  first read of the sheet (with loading the pane): wall ${wallMs.firstRead} ms`);
    for (const [key, name] of Object.entries(names)) {
      const beat = heartbeat[key];
      console.log(
        `  ${name}: CPU ${cpu[key]} ms ${met(cpu[key])}; wall ${wallMs[key]} ms; heartbeat gap ${beat.cpuMs} / ${beat.wallMs} ms (${beat.beats} beats)`,
      );
    }
    console.log(`  longest: CPU ${maxMs} ms (${maxJob}) ${met(maxMs)}; wall ${maxWallMs} ms (${maxWallJob})`);
  } finally {
    await session.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
