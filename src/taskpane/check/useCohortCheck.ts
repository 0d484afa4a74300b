// The check tab's state: what the sheet holds (inspection), the running job with its progress, and the last outcome.
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  inspectSheet,
  type CheckOutcome,
  type CheckSettings,
  type SheetInspection,
  CheckCancelled,
  CheckFailed,
  type Progress,
  type WrittenRows,
} from '../../excel';
import { markVocabularyOf } from '../../settings/pane-settings';
import { messageOf, usePaneJob } from '../pane-job';
import { usePane } from '../services';
import { useTabActive } from '../tab-activity';
import { usePaneAnnounce } from '../announcer';
import { readingWords } from './reading-words';
import { readingKey } from '../last-reading';

export type Job = { kind: 'inspecting' | 'checking'; progress: Progress | null };

export type Outcome =
  | { kind: 'done'; outcome: CheckOutcome }
  | { kind: 'failed'; message: string; written: WrittenRows | null }
  | { kind: 'cancelled'; message: string; written: WrittenRows | null };

export interface CohortCheck {
  inspection: SheetInspection | null;
  inspectionError: string | null;
  job: Job | null;
  outcome: Outcome | null;
  settingsErrors: string[];
  /** Reads the sheet; `say` announces what was found (a reading the user asked for). */
  inspect: (say?: boolean) => void;
  check: () => void;
  cancel: () => void;
  goTo: (sheetName: string, address: string) => void;
}

export function useCohortCheck(): CohortCheck {
  const { run, catalogue, settings, lastReading } = usePane();
  // Read when shown; a hidden tab keeps what it showed (see tab-activity.ts).
  const active = useTabActive();
  const [inspection, setInspection] = useState<SheetInspection | null>(null);
  // The reading's error is the tab's; a check's failure is its outcome.
  const { error: inspectionError, start, goTo } = usePaneJob<Job['kind']>();
  const [job, setJob] = useState<Job | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const controller = useRef<AbortController | null>(null);

  const marks = markVocabularyOf(settings);
  const checkSettings: CheckSettings = {
    catalogue,
    scope: settings.scope,
    place: settings.place,
    qualification: settings.qualification || undefined,
    marks: marks.vocabulary,
  };
  const settingsKey = JSON.stringify([settings.scope, settings.qualification, settings.marks]);
  const latest = useRef(checkSettings);
  latest.current = checkSettings;

  const announce = usePaneAnnounce();
  const inspect = useCallback(
    (say = false) => {
      start('inspecting', async () => {
        setJob({ kind: 'inspecting', progress: null });
        try {
          const onProgress = (progress: Progress) => setJob({ kind: 'inspecting', progress });
          const mark = lastReading.mark();
          const found = await inspectSheet(run, latest.current, { onProgress });
          setInspection(found);
          lastReading.keep(readingKey(latest.current), found, mark);
          if (say) announce.say(readingWords(found));
        } finally {
          setJob(null);
        }
      });
    },
    [run, start, announce, lastReading],
  );

  const check = useCallback(() => {
    start(
      'checking',
      async () => {
        const abort = new AbortController();
        controller.current = abort;
        setOutcome(null);
        setJob({ kind: 'checking', progress: null });
        try {
          const mark = lastReading.mark();
          // The check itself (engine, planner, writing) loads on the first Check, not with the pane's first view.
          const { checkSheet } = await import(/* webpackChunkName: "check" */ '../../excel/check-job.js');
          const result = await checkSheet(run, latest.current, {
            signal: abort.signal,
            onProgress: (progress) => setJob({ kind: 'checking', progress }),
          });
          const read = { read: result.read, reading: result.reading };
          setInspection(read);
          // What-if starts from this reading (the learner's row and the header confirm it), not a second full read.
          lastReading.keep(
            readingKey(latest.current),
            { ...read, ...(result.rulesSheet && { rulesSheet: result.rulesSheet }) },
            mark,
          );
          setOutcome({ kind: 'done', outcome: result });
        } finally {
          controller.current = null;
          setJob(null);
        }
      },
      (error) => {
        if (error instanceof CheckCancelled)
          setOutcome({ kind: 'cancelled', message: error.message, written: error.written });
        else
          setOutcome({
            kind: 'failed',
            message: messageOf(error),
            written: error instanceof CheckFailed ? error.written : null,
          });
      },
    );
  }, [run, start, lastReading]);

  const cancel = useCallback(() => controller.current?.abort(), []);

  // Read the sheet when the pane opens and whenever a setting that changes the reading does; a reading after a changed
  // setting is said, as the setting's outcome (the focus stays on the setting).
  const readWith = useRef<string | null>(null);
  useEffect(() => {
    if (!active) return;
    inspect(readWith.current !== null && readWith.current !== settingsKey);
    readWith.current = settingsKey;
  }, [active, inspect, settingsKey]);

  return { inspection, inspectionError, job, outcome, settingsErrors: marks.errors, inspect, check, cancel, goTo };
}
