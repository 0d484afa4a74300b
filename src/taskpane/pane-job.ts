// What every tab does around its work with Excel: one job at a time (a second click while one runs does nothing),
// which job runs, the error it ended with, and the go-to-cell links whose failure is the tab's error too.
import { useCallback, useRef, useState } from 'react';
import { selectCell } from '../excel';
import { usePane } from './services';

/** The sentence of a failure, for the pane. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface PaneJob<Kind extends string> {
  /** The job running, or null. */
  busy: Kind | null;
  /** How the last job (or go-to) failed; cleared when a job starts. */
  error: string | null;
  setError: (error: string | null) => void;
  /**
   * Runs `work` unless a job is running (then says false). A failure becomes `error`, unless `failed` takes it (a
   * check words its own failures); either way the job is over when `work` settles.
   */
  start: (kind: Kind, work: () => Promise<void>, failed?: (error: unknown) => void) => boolean;
  /** Selects a cell the tab names (a warning's link); a failure says which cell could not be selected. */
  goTo: (sheetName: string, address: string) => void;
}

export function usePaneJob<Kind extends string>(): PaneJob<Kind> {
  const { run } = usePane();
  const [busy, setBusy] = useState<Kind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);

  const start = useCallback((kind: Kind, work: () => Promise<void>, failed?: (error: unknown) => void) => {
    if (running.current) return false;
    running.current = true;
    setBusy(kind);
    setError(null);
    work()
      .catch((failure: unknown) => (failed ? failed(failure) : setError(messageOf(failure))))
      .finally(() => {
        running.current = false;
        setBusy(null);
      });
    return true;
  }, []);

  const goTo = useCallback(
    (sheetName: string, address: string) => {
      selectCell(run, sheetName, address).catch((failure: unknown) =>
        setError(`Could not select ${address}: ${messageOf(failure)}`),
      );
    },
    [run],
  );

  return { busy, error, setError, start, goTo };
}
