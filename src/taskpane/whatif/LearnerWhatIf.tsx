// One learner's what-if: their units with a choice each, recomputed on every toggle without touching the sheet, the
// planner's suggestions, and Apply (the changed cells only, after the undo warning) or Reset.
import { Caption1, makeStyles, Text, tokens } from '@fluentui/react-components';
import { STATUS_STYLE } from '../../cohort/verdict';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { sentences, usePaneAnnounce } from '../announcer';
import type { LearnerRecord } from '../../sheet';
import { type SheetInspection, applyRowChanges, type ApplyOutcome } from '../../excel';
import { planRowChanges } from '../../whatif';
import type { QualificationDefinition } from '../../rules/model';
import type { CostMeasure } from '../../rules/planner';
import { usePane } from '../services';
import { markVocabularyOf } from '../../settings/pane-settings';
import { figure, STATUS_LABEL, statusPhrase } from '../status-words';
import { learnerLabel } from './LearnerPicker';
import { useWriteWarning } from '../write-warning';
import { ApplyBar, type ApplyNotice } from './ApplyBar';
import {
  changedUnits,
  choicesOf,
  suggestions,
  unitsOf,
  whatIf,
  withChoice,
  withPlan,
  type Choices,
  type PlanLine,
  type UnitChoice,
} from './view-model';
import { PlansPanel } from './PlansPanel';
import { ResultsPanel } from './ResultsPanel';
import { UnitList } from './UnitList';
import { messageOf } from '../pane-job';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  // Keeps the verdict in sight while the adviser scrolls through the units.
  sticky: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    flexWrap: 'wrap',
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  heading: { margin: 0 },
  chip: {
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
  },
});

/** The verdict as the live region says it after a change of units: the status and the credits. */
function verdictWords(view: ReturnType<typeof whatIf>): string {
  const { credits } = view;
  const of = credits.required === undefined ? '' : ` of ${figure(credits.required)}`;
  return `Status ${statusPhrase(view.status)}; credits ${figure(credits.achieved)} achieved, ${figure(credits.withPlanned)} with planned${of}.`;
}

function appliedText(outcome: ApplyOutcome): string {
  const cells = outcome.written.map((c) => c.cell).join(', ');
  const status = statusPhrase(outcome.check.result.status);
  return `Wrote ${cells}. Row ${outcome.check.record.row} re-checked: ${status}.${resultsText(outcome)}`;
}

function resultsText(outcome: ApplyOutcome): string {
  const { results, resultsSheet } = outcome;
  const span = results.length > 0 ? `${results[0].cell}–${results[results.length - 1].cell}` : '';
  const stale = outcome.outOfDate
    ? ` The result cells beside the data (${outcome.outOfDate}) are from an earlier check and out of date: the results are on sheet “${resultsSheet?.name ?? ''}”.`
    : outcome.cleared
      ? ` An earlier check’s result columns beside the data (${outcome.cleared}), unchanged since, were cleared: the results are on sheet “${resultsSheet?.name ?? ''}”.`
      : '';
  if (resultsSheet?.noRow) {
    return ` The last check wrote the results to sheet “${resultsSheet.name}”, which has no row for this learner, so none was written: Check cohort writes it.${stale}`;
  }
  if (resultsSheet && !resultsSheet.written) {
    return ` Sheet “${resultsSheet.name}” is protected, so the learner’s results there were not updated: unprotect it and check the cohort again.${stale}`;
  }
  if (resultsSheet) return ` Their results on sheet “${resultsSheet.name}” (${span}) were updated.${stale}`;
  const kept =
    outcome.kept && outcome.kept.length > 0
      ? ` ${outcome.kept.join(', ')} ${outcome.kept.length === 1 ? 'was' : 'were'} changed since qualcheck wrote ${outcome.kept.length === 1 ? 'it' : 'them'}, so ${outcome.kept.length === 1 ? 'it was' : 'they were'} kept as typed.`
      : '';
  if (results.length > 0) return ` Its result cells (${span}) were updated.${kept}`;
  if (kept) return kept;
  return ' No “qualcheck: …” results for this learner were found beside the data or on a results sheet, so none was written: Check cohort writes them.';
}

export function LearnerWhatIf({
  inspection,
  record,
  q,
  drafts,
  cost,
  onCost,
  notice,
  onNotice,
  onApplied,
}: {
  inspection: SheetInspection;
  record: LearnerRecord;
  q: QualificationDefinition;
  /** Unapplied choices by sheet and row, so moving to another learner and back keeps them. */
  drafts: Map<string, Choices>;
  cost: CostMeasure;
  onCost: (cost: CostMeasure) => void;
  notice: ApplyNotice | null;
  onNotice: (notice: ApplyNotice | null) => void;
  onApplied: (outcome: ApplyOutcome) => void;
}) {
  const styles = useStyles();
  const { run, catalogue, settings } = usePane();
  const sheet = useMemo(() => choicesOf(record), [record]);
  const draftKey = `${inspection.read.sheetName}!${record.row}`;
  const [choices, setChoicesState] = useState<Choices>(() => drafts.get(draftKey) ?? sheet);
  const [busy, setBusy] = useState(false);
  const revision = useRef(0);
  const lastChoices = useRef(choices);
  if (lastChoices.current !== choices) {
    lastChoices.current = choices;
    revision.current++;
  }

  const setChoices = useCallback(
    (change: (current: Choices) => Choices) =>
      setChoicesState((current) => {
        const next = change(current);
        drafts.set(draftKey, next);
        return next;
      }),
    [drafts, draftKey],
  );
  // What the last change of units was, so the verdict it leads to is said with it once the view is recomputed.
  const change = useRef<string | null>(null);
  const onChoice = useCallback(
    (ref: string, choice: UnitChoice) => {
      change.current = '';
      setChoices((c) => withChoice(c, ref, choice));
    },
    [setChoices],
  );
  const onAdd = useCallback(
    (line: PlanLine) => {
      change.current = `Added ${line.adds.join(', ')} as planned.`;
      setChoices((c) => withPlan(c, line.plan));
    },
    [setChoices],
  );

  const changed = useMemo(() => new Set(changedUnits(q, sheet, choices)), [q, sheet, choices]);
  const view = useMemo(() => whatIf(record, q, choices, changed), [record, q, choices, changed]);
  const plans = useMemo(() => suggestions(q, choices, cost), [q, choices, cost]);
  const notCounted = useMemo(() => new Set(view.notCounted), [view]);
  const marks = useMemo(() => markVocabularyOf(settings).vocabulary, [settings]);
  // Read the row again as the sheet was read: with the workbook's rules sheet over the catalogue, when it has one.
  const sheetCatalogue = inspection.rulesSheet?.use.catalogue ?? catalogue;
  const readOptions = useMemo(
    () => ({ catalogue: sheetCatalogue, qualification: settings.qualification || undefined, marks }),
    [sheetCatalogue, settings.qualification, marks],
  );
  const rowChanges = useMemo(
    () =>
      planRowChanges({ grid: inspection.read.grid, reading: inspection.reading, record, marks }, choices, readOptions),
    [inspection, record, marks, choices, readOptions],
  );
  const problems = useMemo(
    () => record.problems.filter((p) => !(p.units && p.units.length > 0 && p.units.every((u) => changed.has(u)))),
    [record, changed],
  );

  const apply = () => {
    setBusy(true);
    onNotice(null);
    applyRowChanges(run, {
      sheetName: inspection.read.sheetName,
      grid: inspection.read.grid,
      reading: inspection.reading,
      record,
      changes: rowChanges.changes,
      intended: unitsOf(q, choices),
      options: readOptions,
    }).then(
      (outcome) => {
        drafts.delete(draftKey);
        onNotice({ intent: 'success', title: `Applied to row ${record.row}`, text: appliedText(outcome) });
        onApplied(outcome);
      },
      (error: unknown) => {
        onNotice({ intent: 'error', title: 'Nothing was applied', text: messageOf(error) });
        setBusy(false);
      },
    );
  };

  const warning = useWriteWarning({
    title: 'Before the first write to your sheet',
    what: `Apply writes the learner’s new marks into their row (${rowChanges.changes.map((c) => c.cell).join(', ')}) and brings the learner’s “qualcheck: …” result cells up to date, beside the data or on the results sheet; no other cell changes.`,
    action: 'Apply to sheet',
    testId: 'whatif-undo-continue',
  });
  const startApply = () => warning.ask(apply);

  const reset = () => {
    drafts.delete(draftKey);
    onNotice(null);
    change.current = 'Reset to the sheet: the units are as the sheet has them.';
    setChoicesState(sheet);
  };

  const announce = usePaneAnnounce();
  useEffect(() => {
    if (change.current === null) return;
    announce.say(sentences(change.current, verdictWords(view)));
    change.current = null;
  }, [view, announce]);

  return (
    <div className={styles.column}>
      <Text as="h2" size={400} weight="semibold" className={styles.heading}>
        What if: {learnerLabel(record)}
      </Text>
      <ResultsPanel view={view} revision={revision.current} problems={problems} />
      <ApplyBar
        rowChanges={rowChanges}
        changedCount={changed.size}
        busy={busy}
        notice={notice}
        onApply={startApply}
        onReset={reset}
      />
      <PlansPanel
        suggestions={plans}
        cost={cost}
        onCost={onCost}
        onAdd={onAdd}
        unmet={view.rules.some((rule) => rule.outcome === 'unmet')}
      />
      {/* A visual echo of the results above; screen readers hear those through the live region instead. */}
      <div className={styles.sticky} aria-hidden="true" data-testid="whatif-sticky">
        <span
          className={styles.chip}
          style={{ backgroundColor: STATUS_STYLE[view.status].fill, color: STATUS_STYLE[view.status].font }}
        >
          {STATUS_LABEL[view.status]}
        </span>
        <Caption1>
          {figure(view.credits.achieved)} achieved · {figure(view.credits.withPlanned)} with planned
          {changed.size > 0 ? ` · ${figure(changed.size)} changed` : ''}
        </Caption1>
      </div>
      <UnitList q={q} choices={choices} changed={changed} notCounted={notCounted} onChoice={onChoice} />
      {warning.dialog}
    </div>
  );
}
