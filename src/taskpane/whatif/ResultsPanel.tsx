// What the chosen units add up to: the status, the credits, and every rule of the specification met, unmet or
// undecided, with the sentence it comes from. A polite live region, so a screen reader hears the change after a toggle.
import { Caption1, Card, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { usePanelStyles } from '../panel-styles';
import { STATUS_STYLE } from '../../cohort/verdict';
import { outcomeWords, paneNoteWords, readingProblemWords, STATUS_LABEL, STATUS_MEANING } from '../status-words';
import type { RuleOutcome } from '../../rules/model';
import type { ReadWarning } from '../../sheet';
import type { CreditFigure, RuleLine, WhatIf } from './view-model';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  summary: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  chip: {
    display: 'inline-block',
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    fontWeight: tokens.fontWeightSemibold,
  },
  // Both columns may shrink: at 200 % zoom a figure ("14 known (+ 3 units of unknown level)") wraps within the card.
  figures: {
    display: 'grid',
    gridTemplateColumns: 'fit-content(45%) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    margin: 0,
    fontVariantNumeric: 'tabular-nums',
  },
  term: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  value: { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
  rule: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 4.5em) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalS,
    overflowWrap: 'anywhere',
  },
  outcome: { fontWeight: tokens.fontWeightSemibold },
  met: { color: tokens.colorPaletteGreenForeground1 },
  planned: { color: tokens.colorBrandForeground1 },
  unmet: { color: tokens.colorPaletteRedForeground1 },
  unknown: { color: tokens.colorNeutralForeground3 },
  note: { color: tokens.colorNeutralForeground3, display: 'block' },
  problems: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  sets: { listStyleType: 'none', margin: 0, padding: 0 },
});

/** Green "Met" only for a rule the achieved units meet; one met only once planned units are achieved says so. */
function outcomeClass(outcome: RuleOutcome, achieved?: RuleOutcome): 'met' | 'planned' | 'unmet' | 'unknown' {
  return outcome === 'met' && achieved !== undefined && achieved !== 'met' ? 'planned' : outcome;
}

/** Barred sets that share the specification's sentence are one rule to read, with a line per set. */
function barredGroups(rules: readonly RuleLine[]): { text: string; outcome: RuleOutcome; sets: RuleLine[] }[] {
  const groups: { text: string; outcome: RuleOutcome; sets: RuleLine[] }[] = [];
  for (const rule of rules) {
    if (!rule.set) continue;
    const group = groups.find((g) => g.text === rule.text);
    if (group) group.sets.push(rule);
    else groups.push({ text: rule.text, outcome: 'met', sets: [rule] });
  }
  for (const group of groups) if (group.sets.some((r) => r.outcome === 'unmet')) group.outcome = 'unmet';
  return groups;
}

function figure(value: number, unknown: number, what: string): string {
  return unknown > 0
    ? `${value} known (+ ${unknown} ${unknown === 1 ? 'unit' : 'units'} of unknown ${what})`
    : String(value);
}

function creditLine(credits: CreditFigure, what: string): string {
  return `${figure(credits.achieved, credits.unknownAchieved, what)} achieved · ${figure(credits.withPlanned, credits.unknownWithPlanned, what)} with planned`;
}

/** One credit figure of the summary: its term and its line, with the counts on the element for tests to read. */
function CreditTerm({
  term,
  testId,
  counts,
  text,
}: {
  term: string;
  testId: string;
  counts: CreditFigure;
  text: string;
}) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd
        className={styles.value}
        data-testid={testId}
        data-achieved={counts.achieved}
        data-with-planned={counts.withPlanned}
      >
        {text}
      </dd>
    </>
  );
}

export function ResultsPanel({
  view,
  revision,
  problems,
}: {
  view: WhatIf;
  revision: number;
  problems: ReadWarning[];
}) {
  const styles = useStyles();
  const panel = usePanelStyles();
  const style = STATUS_STYLE[view.status];
  return (
    <Card
      className={styles.card}
      role="region"
      aria-label="What-if results"
      data-testid="whatif-results"
      data-revision={revision}
    >
      <div className={styles.summary}>
        <Text>
          Status:{' '}
          <span
            className={styles.chip}
            style={{ backgroundColor: style.fill, color: style.font }}
            data-testid="whatif-status"
            data-status={view.status}
          >
            {STATUS_LABEL[view.status]}
          </span>{' '}
          ({STATUS_MEANING[view.status]})
        </Text>
        <dl className={styles.figures}>
          <CreditTerm
            term="Credits"
            testId="whatif-credits"
            counts={view.credits}
            text={`${creditLine(view.credits, 'credits')}${view.credits.required === undefined ? '' : ` (of ${view.credits.required})`}`}
          />
          {view.level && (
            <CreditTerm
              term={view.level.label}
              testId="whatif-level"
              counts={view.level}
              text={creditLine(view.level, 'level')}
            />
          )}
          {view.notCounted.length > 0 && (
            <>
              <dt className={styles.term}>Not counted</dt>
              <dd className={styles.value} data-testid="whatif-not-counted">
                {view.notCountedWords}
              </dd>
            </>
          )}
        </dl>
      </div>
      <ul className={panel.plainList} aria-label="Rules of combination">
        {view.rules
          .filter((rule) => !rule.set)
          .map((rule) => (
            <li key={rule.id} className={styles.rule} data-testid={`rule-${rule.id}`} data-outcome={rule.outcome}>
              <span className={mergeClasses(styles.outcome, styles[outcomeClass(rule.outcome, rule.achieved)])}>
                {outcomeWords(rule.outcome, rule.achieved)}
              </span>
              <span>
                <Text>“{rule.text}”</Text> <Caption1>{rule.message}</Caption1>
                {rule.outcome === 'met' && rule.achieved !== 'met' && (
                  <Caption1> (once the planned units are achieved)</Caption1>
                )}
                {rule.note && <Caption1 className={styles.note}>{paneNoteWords(rule.note)}</Caption1>}
              </span>
            </li>
          ))}
        {barredGroups(view.rules).map((group) => (
          <li key={group.sets[0].id} className={styles.rule}>
            <span className={mergeClasses(styles.outcome, styles[group.outcome])}>{outcomeWords(group.outcome)}</span>
            <span>
              <Text>“{group.text}”</Text>
              <ul className={styles.sets}>
                {group.sets.map((set) => (
                  <li key={set.id} data-testid={`rule-${set.id}`} data-outcome={set.outcome}>
                    <Caption1>
                      <span className={mergeClasses(styles.outcome, styles[set.outcome])}>{set.id}</span>: {set.message}
                    </Caption1>
                  </li>
                ))}
              </ul>
            </span>
          </li>
        ))}
      </ul>
      {problems.length > 0 && (
        <>
          <Text>On the sheet:</Text>
          <ul className={styles.problems} data-testid="whatif-problems">
            {problems.map((p, i) => (
              <li key={`${p.cell}-${i}`}>
                <Caption1>{readingProblemWords(p)}</Caption1>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
