// The what-if tab's view of the sheet: the cohort read from the active sheet, the learner row the user selected in
// Excel (followed as it changes, where Excel reports selection changes), and the reading brought up to date after
// the pane writes a row.
import { useCallback, useEffect, useRef, useState } from 'react';
import { inspectSheet, type SheetInspection } from '../../excel/active-sheet';
import type { ApplyOutcome } from '../../excel/apply-row';
import { followSelection, readSelection, type SelectedCell } from '../../excel/selection';
import { messageOf, usePaneJob } from '../pane-job';
import { usePane } from '../services';
import { useTabActive } from '../tab-activity';
import { markVocabularyOf } from '../../settings/pane-settings';

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
  read: () => void;
  useSelection: () => void;
  applied: (outcome: ApplyOutcome) => void;
}

export function useWhatIfSheet(): WhatIfSheet {
  const { run, catalogue, settings } = usePane();
  // Read when shown; a hidden tab keeps what it showed (see tab-activity.ts).
  const active = useTabActive();
  const [inspection, setInspection] = useState<SheetInspection | null>(null);
  const { busy, error, setError, start } = usePaneJob<'reading'>();
  const [following, setFollowing] = useState<Following>('starting');
  const [selection, setSelection] = useState<SelectedCell | null>(null);
  const [revision, setRevision] = useState(0);
  const vocabulary = markVocabularyOf(settings).vocabulary;
  const settingsKey = JSON.stringify([settings.qualification, settings.marks]);
  const latest = useRef({ catalogue, qualification: settings.qualification || undefined, marks: vocabulary });
  latest.current = { catalogue, qualification: settings.qualification || undefined, marks: vocabulary };

  // The what-if always reads the whole active sheet: the selection moves from learner to learner and must not
  // change what is read.
  const read = useCallback(() => {
    start('reading', async () => {
      setInspection(await inspectSheet(run, { ...latest.current, scope: 'sheet', place: 'beside' }));
      setRevision((r) => r + 1);
    });
  }, [run, start]);

  const useSelection = useCallback(() => {
    readSelection(run).then(setSelection, (failure: unknown) =>
      setError(`Could not read the selection: ${messageOf(failure)}`),
    );
  }, [run, setError]);

  useEffect(() => {
    if (active) read();
  }, [active, read, settingsKey]);

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
    // Where the pane opens on a learner's row, start with that learner.
    readSelection(run).then(
      (selected) => {
        if (!gone) setSelection((current) => current ?? selected);
      },
      () => undefined,
    );
    return () => {
      gone = true;
      stop?.();
    };
  }, [run]);

  const applied = useCallback((outcome: ApplyOutcome) => {
    setInspection((current) =>
      current ? { ...current, read: { ...current.read, grid: outcome.grid }, reading: outcome.reading } : current,
    );
    setRevision((r) => r + 1);
  }, []);

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
  };
}
