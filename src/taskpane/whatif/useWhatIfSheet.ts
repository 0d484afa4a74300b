// The what-if tab's view of the sheet: the cohort read from the active sheet, the learner row the user selected in
// Excel (followed as it changes, where Excel reports selection changes), and the reading brought up to date after
// the pane writes a row, or read again when the rules sheet is edited.
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  inspectSheet,
  type SheetInspection,
  type ApplyOutcome,
  followSelection,
  readSelection,
  type SelectedCell,
  learnerRowStaleness,
} from '../../excel';
import { messageOf, usePaneJob } from '../pane-job';
import { usePane } from '../services';
import { useTabActive } from '../tab-activity';
import { markVocabularyOf } from '../../settings/pane-settings';
import { readingKey, type RulesMark } from '../last-reading';

/** Whether the pane hears about selection changes: it asks Excel once, then knows. */
export type Following = 'starting' | 'on' | 'unavailable';

export interface WhatIfSheet {
  inspection: SheetInspection | null;
  error: string | null;
  reading: boolean;
  following: Following;
  /** The last selection Excel reported, on whichever sheet. */
  selection: SelectedCell | null;
  /** Increases whenever the reading is replaced, so views of a learner start again from the sheet. */
  revision: number;
  /** Reads the whole sheet again. */
  read: () => void;
  useSelection: () => void;
  applied: (outcome: ApplyOutcome) => void;
  /**
   * Whether the learner on `row` may be shown from the reading: always for a reading of the sheet this tab made; for
   * one kept from another tab (the last check's), once their row and the header are confirmed unchanged (`confirm`).
   */
  shows: (row: number) => boolean;
  /** Confirms the learner's row against the sheet (one sync), or reads the whole sheet again when it changed. */
  confirm: (row: number) => void;
}

interface View {
  inspection: SheetInspection | null;
  /** Rows confirmed unchanged since a kept reading was made; null for a reading made here (every row is current). */
  confirmed: ReadonlySet<number> | null;
  /** The edits of the rules sheet the reading has seen (last-reading.ts). */
  mark: RulesMark;
}

/** Reads of the whole sheet in a row while the rules sheet keeps changing under them, before showing the last one. */
const READS_WHILE_EDITED = 3;

export function useWhatIfSheet(): WhatIfSheet {
  const { run, catalogue, settings, lastReading } = usePane();
  // Read when shown; a hidden tab keeps what it showed (see tab-activity.ts).
  const active = useTabActive();
  const [view, setView] = useState<View>({ inspection: null, confirmed: null, mark: lastReading.mark() });
  const { busy, error, setError, start } = usePaneJob<'reading'>();
  const [following, setFollowing] = useState<Following>('starting');
  const [selection, setSelection] = useState<SelectedCell | null>(null);
  const [revision, setRevision] = useState(0);
  const vocabulary = markVocabularyOf(settings).vocabulary;
  const settingsKey = JSON.stringify([settings.qualification, settings.marks]);
  const latest = useRef({ catalogue, qualification: settings.qualification || undefined, marks: vocabulary });
  latest.current = { catalogue, qualification: settings.qualification || undefined, marks: vocabulary };
  /** Rows whose confirmation was asked for with the reading shown, so a failed one is not asked again at once. */
  const asked = useRef(new Set<number>());

  const show = useCallback((inspection: SheetInspection, confirmed: ReadonlySet<number> | null, mark: RulesMark) => {
    asked.current = new Set(confirmed ?? []);
    setView({ inspection, confirmed, mark });
    setRevision((r) => r + 1);
  }, []);

  // The what-if always reads the whole active sheet: the selection moves from learner to learner and must not
  // change what is read. An edit of the rules sheet heard during the read makes it read again (it may have read the
  // rules before the edit).
  const readAll = useCallback(async () => {
    for (let reads = 1; ; reads++) {
      const mark = lastReading.mark();
      const found = await inspectSheet(run, { ...latest.current, scope: 'sheet', place: 'beside' });
      if (lastReading.current(mark) || reads === READS_WHILE_EDITED) {
        lastReading.keep(readingKey(latest.current), found, mark);
        show(found, null, mark);
        return;
      }
    }
  }, [run, lastReading, show]);

  const read = useCallback(() => {
    start('reading', readAll);
  }, [start, readAll]);

  // Opening the tab: from the reading another tab kept (the last check's) when there is one, confirming the selected
  // learner's row and the header in one more sync; the whole sheet is read only when there is none, or it is stale.
  const open = useCallback(() => {
    start('reading', async () => {
      const mark = lastReading.mark();
      const kept = lastReading.take(readingKey(latest.current));
      const selected = await readSelection(run).catch(() => null);
      if (selected) setSelection(selected);
      if (kept && selected) {
        if (selected.sheetName === kept.read.sheetName) {
          const onLearner = kept.reading.learners.some((l) => l.row === selected.row);
          const stale = onLearner ? await learnerRowStaleness(run, kept, selected.row) : null;
          if (stale === null && lastReading.current(mark)) {
            show(kept, new Set(onLearner ? [selected.row] : []), mark);
            return;
          }
        }
      }
      await readAll();
    });
  }, [run, start, lastReading, readAll, show]);

  const { inspection, confirmed, mark } = view;
  const shows = useCallback((row: number) => confirmed === null || confirmed.has(row), [confirmed]);
  const confirm = useCallback(
    (row: number) => {
      // A hidden tab reads nothing (tab-activity.ts): the learner is confirmed when the tab is shown.
      if (!active || !inspection || asked.current.has(row)) return;
      const started = start('reading', async () => {
        const stale = await learnerRowStaleness(run, inspection, row);
        if (stale === null && lastReading.current(mark))
          setView((v) =>
            v.inspection === inspection && v.confirmed ? { ...v, confirmed: new Set([...v.confirmed, row]) } : v,
          );
        else await readAll();
      });
      if (started) asked.current.add(row);
    },
    [run, start, active, inspection, mark, lastReading, readAll],
  );

  const useSelection = useCallback(() => {
    readSelection(run).then(setSelection, (failure: unknown) =>
      setError(`Could not read the selection: ${messageOf(failure)}`),
    );
  }, [run, setError]);

  useEffect(() => {
    if (active) open();
  }, [active, open, settingsKey]);

  // The rules sheet edited: a shown tab reads the sheet again at once, so the learner and Apply use the new rules (a
  // read already running reads again itself); a hidden one reads when shown, the kept reading being gone.
  useEffect(() => {
    if (!active) return;
    return lastReading.onRulesEdited(read);
  }, [active, lastReading, read]);

  useEffect(() => {
    let stop: (() => void) | null = null;
    let gone = false;
    followSelection(run, (selected) => {
      if (!gone) setSelection(selected);
    }).then(
      (stopper) => {
        if (gone) {
          stopper?.();
          return;
        }
        stop = stopper;
        setFollowing(stopper ? 'on' : 'unavailable');
      },
      () => setFollowing('unavailable'),
    );
    // Where the pane opens on a learner's row, it starts with that learner: opening the tab reads the selection.
    return () => {
      gone = true;
      stop?.();
    };
  }, [run]);

  // The view as last rendered, for `applied` to build on without a side effect inside a state update.
  const shown = useRef(view);
  shown.current = view;
  const applied = useCallback(
    (outcome: ApplyOutcome) => {
      const current = shown.current;
      if (!current.inspection) return;
      const inspection = {
        ...current.inspection,
        read: { ...current.inspection.read, grid: outcome.grid },
        reading: outcome.reading,
      };
      lastReading.keep(readingKey(latest.current), inspection, current.mark);
      // The row just written holds what the pane wrote: it stays confirmed.
      const confirmed = current.confirmed && new Set([...current.confirmed, outcome.check.record.row]);
      setView({ inspection, confirmed, mark: current.mark });
      setRevision((r) => r + 1);
    },
    [lastReading],
  );

  return {
    inspection,
    error,
    reading: busy === 'reading',
    following,
    selection,
    revision,
    read,
    useSelection,
    applied,
    shows,
    confirm,
  };
}
