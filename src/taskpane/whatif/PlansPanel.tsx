// The completion planner's cheapest ways to finish from the units chosen, by the measure the adviser picks; one click
// adds a plan's units as planned.
import {
  Button,
  Caption1,
  Card,
  CardHeader,
  Field,
  makeStyles,
  Radio,
  RadioGroup,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import { usePanelStyles } from '../panel-styles';
import type { CostMeasure } from '../../rules/planner';
import { costText, type PlanLine, type Suggestions } from './view-model';

const useStyles = makeStyles({
  measures: { flexWrap: 'wrap' },
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  // An h3 for the outline, without the browser's heading margins (the card has its own spacing).
  heading: { margin: 0 },
  plan: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, alignItems: 'flex-start' },
});

const MEASURES: [CostMeasure, string][] = [
  ['credits', 'Credits'],
  ['glh', 'GLH'],
  ['units', 'Units'],
];

/** The planner's clause as a sentence of its own ("resolve the barred set C4 first: …" begins with "Resolve"). */
function capitalised(clause: string): string {
  return clause.charAt(0).toUpperCase() + clause.slice(1);
}

export function PlansPanel({
  suggestions,
  cost,
  onCost,
  onAdd,
  unmet,
}: {
  suggestions: Suggestions;
  /** Whether a rule above is Not met: then "nothing to add" must not read as "every rule is met". */
  unmet: boolean;
  cost: CostMeasure;
  onCost: (cost: CostMeasure) => void;
  onAdd: (plan: PlanLine) => void;
}) {
  const styles = useStyles();
  const panel = usePanelStyles();
  const complete = suggestions.plans.length === 1 && suggestions.plans[0].plan.add.length === 0;
  return (
    <Card className={styles.card} data-testid="whatif-plans">
      <CardHeader
        header={
          <Subtitle2 as="h3" className={styles.heading}>
            Cheapest ways to complete
          </Subtitle2>
        }
      />
      <Field label="Cheapest by">
        <RadioGroup
          layout="horizontal"
          className={styles.measures}
          value={cost}
          onChange={(_, data) => onCost(data.value as CostMeasure)}
        >
          {MEASURES.map(([value, label]) => (
            <Radio key={value} value={value} label={label} />
          ))}
        </RadioGroup>
      </Field>
      {suggestions.resolveFirst && (
        <Text data-testid="whatif-resolve-first">{capitalised(suggestions.resolveFirst)}.</Text>
      )}
      {suggestions.noPlanReason && (
        <Text data-testid="whatif-no-plan">No plan exists: {suggestions.noPlanReason}.</Text>
      )}
      {complete ? (
        <Text data-testid="whatif-complete">
          {suggestions.resolveFirst
            ? 'Nothing to add once that is done: every rule is then met.'
            : unmet
              ? 'Nothing to add: what is Not met above needs a unit given up or corrected, not one more.'
              : `Nothing to add: ${suggestions.plans[0].words}.`}
        </Text>
      ) : (
        <ol className={panel.plainList}>
          {suggestions.plans.map((line, i) => (
            <li key={line.plan.add.join(',')} className={styles.plan} data-testid={`plan-${i}`}>
              <Text>
                {i + 1}. {line.words}
              </Text>
              <Caption1>
                Costs {costText(line.plan.cost, cost)}
                {line.plan.reliesOnUnknown.length > 0 ? '; relies on unit data the catalogue lacks' : ''}.
              </Caption1>
              <Button
                size="small"
                disabled={line.adds.length === 0}
                onClick={() => onAdd(line)}
                aria-label={`Add as planned: plan ${i + 1}, ${line.plan.add.join(', ')}`}
              >
                Add as planned
              </Button>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
