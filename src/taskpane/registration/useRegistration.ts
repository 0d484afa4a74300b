// The registration view's state: the cohort sheet as read, the registration date, every learner's result for that
// date, and the last export (the sheet written and the CSV offered).
import { useCallback, useEffect, useRef, useState } from 'react';
import { isIsoDate } from '../../sheet';
import { inspectSheet, type SheetInspection, writeRegistrationSheet, type RegistrationSheetWritten } from '../../excel';
import { registrationCsv, registrationRows } from '../../registration';
import { messageOf, usePaneJob } from '../pane-job';
import { usePane } from '../services';
import { useTabActive } from '../tab-activity';
import { markVocabularyOf } from '../../settings/pane-settings';
import type { PaneFile } from './DownloadLink';
import { registrationView, type RegistrationView } from './registration-work';

export interface RegistrationExport {
  date: string;
  written: RegistrationSheetWritten;
  csv: PaneFile;
}

export interface Registration {
  date: string;
  setDate: (date: string) => void;
  /** Why the date cannot be used, or undefined. */
  dateError?: string;
  inspection: SheetInspection | null;
  /** The learners checked for `date`; null while they are being checked. */
  view: RegistrationView | null;
  busy: 'reading' | 'checking' | 'exporting' | null;
  error: string | null;
  exported: RegistrationExport | null;
  read: () => void;
  exportReady: () => void;
  goTo: (sheetName: string, address: string) => void;
}

/** Today in the computer's own time zone, as YYYY-MM-DD. */
export function todayIso(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function useRegistration(): Registration {
  const { run, catalogue, settings } = usePane();
  // Read when shown; a hidden tab keeps what it showed (see tab-activity.ts).
  const active = useTabActive();
  const [date, setDate] = useState(todayIso);
  const [inspection, setInspection] = useState<SheetInspection | null>(null);
  const { busy, error, setError, start, goTo } = usePaneJob<'reading' | 'exporting'>();
  const [exported, setExported] = useState<RegistrationExport | null>(null);

  const marks = markVocabularyOf(settings).vocabulary;
  const latest = useRef({
    catalogue,
    scope: settings.scope,
    place: settings.place,
    qualification: settings.qualification || undefined,
    marks,
  });
  latest.current = {
    catalogue,
    scope: settings.scope,
    place: settings.place,
    qualification: settings.qualification || undefined,
    marks,
  };
  const settingsKey = JSON.stringify([settings.scope, settings.qualification, settings.marks]);

  const dateError = isIsoDate(date) ? undefined : 'Give the registration date as a whole date.';
  const [view, setView] = useState<RegistrationView | null>(null);
  const [checking, setChecking] = useState(false);
  const results = view?.results ?? null;
  // Each reading and date starts a new round of slices; a round that is overtaken stops at its next slice.
  const round = useRef(0);
  useEffect(() => {
    const mine = ++round.current;
    setView(null);
    if (!inspection || dateError) return;
    setChecking(true);
    registrationView(inspection.reading.learners, date, () => round.current !== mine)
      .then(
        (made) => {
          if (made && round.current === mine) setView(made);
        },
        (failure: unknown) => setError(messageOf(failure)),
      )
      .finally(() => {
        if (round.current === mine) setChecking(false);
      });
  }, [inspection, date, dateError]);

  const read = useCallback(() => {
    start('reading', async () => {
      setInspection(await inspectSheet(run, latest.current));
      setExported(null);
    });
  }, [run, start]);

  const exportReady = useCallback(() => {
    if (!results || !inspection) return;
    start('exporting', async () => {
      const rows = registrationRows(results);
      const written = await writeRegistrationSheet(run, rows, inspection.read.sheetName);
      setExported({
        date,
        written,
        csv: { text: registrationCsv(rows), fileName: `registration-${date}.csv`, type: 'text/csv;charset=utf-8' },
      });
    });
  }, [run, start, results, inspection, date]);

  useEffect(() => {
    if (active) read();
  }, [active, read, settingsKey]);

  return {
    date,
    setDate,
    dateError,
    inspection,
    view,
    busy: busy ?? (checking ? 'checking' : null),
    error,
    exported,
    read,
    exportReady,
    goTo,
  };
}
