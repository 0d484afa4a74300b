// The qualification data view's state: the workbook's rules sheet as read (what it changes, where it is wrong), and
// the writes that add to it, from the catalogue or from a centre's JSON file, without rewriting a block already there.
import { useCallback, useEffect, useState } from 'react';
import { editRulesSheet, workbookRules, type RulesSheetEdit, type WorkbookRules } from '../../excel';
import type { RulesFileProblem } from '../../rules/definition';
import { definitionsJson, readDefinitionsJson } from '../../rules/definition';
import type { QualificationDefinition } from '../../rules/model';
import type { PaneFile } from '../registration/DownloadLink';
import { usePaneJob } from '../pane-job';
import { usePane } from '../services';
import { useTabActive } from '../tab-activity';
import { readFileText } from './read-file';

export interface RulesNotice {
  intent: 'success' | 'info';
  text: string;
  /** The sheet and first cell to fill in, when blocks were written: the notice links to it. */
  start?: { sheetName: string; cell: string };
}

export interface WorkbookRulesState {
  /** undefined until first read; null when the workbook has no rules sheet. */
  rules: WorkbookRules | null | undefined;
  busy: 'reading' | 'writing' | null;
  error: string | null;
  notice: RulesNotice | null;
  importErrors: { fileName: string; errors: RulesFileProblem[] } | null;
  exported: PaneFile | null;
  read: () => void;
  edit: (definitions: readonly QualificationDefinition[]) => void;
  importJson: (file: File) => void;
  exportJson: () => void;
  goTo: (cell: string) => void;
  /** Shows the rules sheet at `cell` (the first value to fill in after an edit). */
  start: (cell: string) => void;
}

function list(ids: readonly string[]): string {
  return ids.length <= 1 ? ids.join('') : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
}

/** What an edit did, in a sentence or two; `from` names the JSON file the definitions came from. */
export function editSentence(edit: RulesSheetEdit, from?: string): string {
  const source = from ? ` from ${from}` : '';
  const parts: string[] = [];
  if (edit.added.length > 0) {
    parts.push(
      `${edit.created ? 'Wrote' : 'Added'} ${list(edit.added)}${source} ${edit.created ? 'on a new' : 'to the'} sheet “${edit.sheetName}”. ` +
        "Fill in the highlighted empty cells from the awarding body's unit handbook, then check the cohort again.",
    );
  }
  if (edit.kept.length > 0) {
    const replace = from ? " Delete its block first to take the file's version." : '';
    parts.push(
      `${list(edit.kept)} ${edit.kept.length === 1 ? 'is' : 'are'} already on the sheet and ${edit.kept.length === 1 ? 'was' : 'were'} left exactly as it is.${replace}`,
    );
  }
  if (parts.length === 0) parts.push(`Showing sheet “${edit.sheetName}”.`);
  return parts.join(' ');
}

function noticeOf(done: RulesSheetEdit, text: string): RulesNotice {
  return {
    intent: done.added.length > 0 ? 'success' : 'info',
    text,
    start: { sheetName: done.sheetName, cell: done.startCell },
  };
}

export function useWorkbookRules(): WorkbookRulesState {
  const { run, catalogue, lastReading } = usePane();
  // Read when shown; a hidden tab keeps what it showed (see tab-activity.ts).
  const active = useTabActive();
  const [rules, setRules] = useState<WorkbookRules | null | undefined>(undefined);
  const { busy, error, start, goTo: goToCell } = usePaneJob<'reading' | 'writing'>();
  const [notice, setNotice] = useState<RulesNotice | null>(null);
  const [importErrors, setImportErrors] = useState<WorkbookRulesState['importErrors']>(null);
  const [exported, setExported] = useState<PaneFile | null>(null);

  /** Runs one job at a time, then reads the sheet again so the view shows what is there now. */
  const job = useCallback(
    (kind: 'reading' | 'writing', work: () => Promise<void>) =>
      start(kind, async () => {
        // A reading kept for What-if was made with the rules as they were: the next one reads the sheet again.
        if (kind === 'writing') lastReading.forget();
        await work();
        setRules(await workbookRules(run, catalogue));
      }),
    [start, run, catalogue, lastReading],
  );

  const read = useCallback(() => {
    setNotice(null);
    job('reading', () => Promise.resolve());
  }, [job]);

  const edit = useCallback(
    (definitions: readonly QualificationDefinition[]) => {
      setImportErrors(null);
      job('writing', async () => {
        const done = await editRulesSheet(run, definitions);
        setNotice(noticeOf(done, editSentence(done)));
      });
    },
    [job, run],
  );

  const importJson = useCallback(
    (file: File) => {
      setNotice(null);
      setImportErrors(null);
      job('writing', async () => {
        const text = await readFileText(file);
        const { definitions, errors } = readDefinitionsJson(text, file.name, catalogue.qualifications);
        if (errors.length > 0 || definitions.length === 0) {
          setImportErrors({
            fileName: file.name,
            errors: errors.length > 0 ? errors : [{ path: '', message: 'The file holds no qualification.' }],
          });
          return;
        }
        const done = await editRulesSheet(run, definitions);
        setNotice(noticeOf(done, editSentence(done, file.name)));
      });
    },
    [job, run, catalogue],
  );

  const exportJson = useCallback(() => {
    const definitions = rules ? rules.use.definitions : catalogue.qualifications;
    setExported({
      text: definitionsJson(definitions),
      fileName: rules ? 'qualification-rules.json' : 'qualification-rules-built-in.json',
      type: 'application/json;charset=utf-8',
    });
  }, [rules, catalogue]);

  const goTo = useCallback(
    (cell: string) => {
      if (rules) goToCell(rules.sheetName, cell);
    },
    [goToCell, rules],
  );

  const startAt = useCallback(
    (cell: string) => {
      if (notice?.start) goToCell(notice.start.sheetName, cell);
    },
    [goToCell, notice],
  );

  useEffect(() => {
    if (active) read();
  }, [active, read]);

  // A file made from an earlier reading of the sheet would be out of date.
  useEffect(() => setExported(null), [rules]);

  return {
    rules,
    busy,
    error,
    notice,
    importErrors,
    exported,
    read,
    edit,
    importJson,
    exportJson,
    goTo,
    start: startAt,
  };
}
