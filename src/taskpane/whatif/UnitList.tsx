// The qualification's units as its specification groups them, each with a three-state choice. A radio group per
// unit: Tab moves from unit to unit, arrow keys change the choice, Space picks the focused one.
import {
  Badge,
  Caption1,
  makeStyles,
  mergeClasses,
  Radio,
  RadioGroup,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import { memo } from 'react';
import type { QualificationDefinition, UnitDefinition } from '../../rules/model';
import { usePanelStyles } from '../panel-styles';
import { unitFacts, unitFactsSpoken, unitSections, type Choices, type UnitChoice } from './view-model';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  rule: { color: tokens.colorNeutralForeground3, display: 'block' },
  unit: {
    display: 'flex',
    flexDirection: 'column',
    paddingTop: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalS,
    borderLeft: `3px solid transparent`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
  },
  changed: { borderLeft: `3px solid ${tokens.colorBrandStroke1}` },
  title: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline', flexWrap: 'wrap' },
  ref: { fontVariantNumeric: 'tabular-nums' },
  facts: { color: tokens.colorNeutralForeground3 },
  radios: { marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})`, flexWrap: 'wrap' },
  barred: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    border: `1px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

const CHOICE_LABELS: [UnitChoice, string][] = [
  ['achieved', 'Achieved'],
  ['planned', 'Planned'],
  ['none', 'Not taken'],
];

function idOf(ref: string): string {
  return `whatif-unit-${ref.replace(/[^A-Za-z0-9]/g, '-')}`;
}

interface UnitRowProps {
  unit: UnitDefinition;
  choice: UnitChoice;
  changed: boolean;
  notCounted: boolean;
  /** The unit's group, shown when a barred set spans groups. */
  group?: string;
  onChoice: (ref: string, choice: UnitChoice) => void;
}

/** One unit. Memoised: a toggle re-renders its own row, not the other thirty-eight. */
const UnitRow = memo(function UnitRow({ unit, choice, changed, notCounted, group, onChoice }: UnitRowProps) {
  const styles = useStyles();
  const panel = usePanelStyles();
  const id = idOf(unit.ref);
  return (
    <div
      className={mergeClasses(styles.unit, changed && styles.changed)}
      data-testid={`unit-${unit.ref}`}
      data-choice={choice}
    >
      <div id={id} className={styles.title}>
        <Text weight="semibold" className={styles.ref}>
          {unit.number !== undefined ? `Unit ${unit.number} · ` : ''}
          {unit.ref}
        </Text>
        <Text>{unit.title}</Text>
        {changed && (
          <Badge appearance="tint" color="brand" size="small">
            changed
          </Badge>
        )}
        {notCounted && (
          <Badge appearance="tint" color="warning" size="small">
            not counted
          </Badge>
        )}
      </div>
      <Caption1 className={styles.facts} id={`${id}-facts`}>
        <span aria-hidden="true">{unitFacts(unit)}</span>
        <span className={panel.spokenOnly}>{unitFactsSpoken(unit)}</span>
        {group ? ` · ${group}` : ''}
      </Caption1>
      <RadioGroup
        className={styles.radios}
        layout="horizontal"
        value={choice}
        aria-labelledby={id}
        aria-describedby={`${id}-facts`}
        onChange={(_, data) => onChoice(unit.ref, data.value as UnitChoice)}
      >
        {CHOICE_LABELS.map(([value, label]) => (
          <Radio key={value} value={value} label={label} />
        ))}
      </RadioGroup>
    </div>
  );
});

export function UnitList({
  q,
  choices,
  changed,
  notCounted,
  onChoice,
}: {
  q: QualificationDefinition;
  choices: Choices;
  changed: ReadonlySet<string>;
  notCounted: ReadonlySet<string>;
  onChoice: (ref: string, choice: UnitChoice) => void;
}) {
  const styles = useStyles();
  const groupTitle = new Map(q.groups.map((g) => [g.id, g.title] as const));
  const row = (unit: UnitDefinition, group?: string) => (
    <UnitRow
      key={unit.ref}
      unit={unit}
      choice={choices[unit.ref] ?? 'none'}
      changed={changed.has(unit.ref)}
      notCounted={notCounted.has(unit.ref)}
      group={group}
      onChoice={onChoice}
    />
  );
  return (
    <>
      {unitSections(q).map((section) => {
        const headingId = `whatif-group-${section.id || 'none'}`;
        return (
          <section
            key={section.id}
            className={styles.section}
            aria-labelledby={headingId}
            data-testid={`group-${section.id}`}
          >
            <Subtitle2 as="h3" id={headingId} className={styles.heading}>
              {section.title}
            </Subtitle2>
            {section.rules.map((rule) => (
              <Caption1 key={rule.id} className={styles.rule}>
                “{rule.text}”
              </Caption1>
            ))}
            {section.items.map((item) => {
              if (item.kind === 'unit') return row(item.unit);
              const spans = item.units.some((u) => u.group !== section.id);
              return (
                <div
                  key={item.set.id}
                  className={styles.barred}
                  role="group"
                  aria-label={`Barred set ${item.set.id}: only one counts`}
                  data-testid={`barred-${item.set.id}`}
                >
                  <Caption1>
                    <Text weight="semibold" size={200}>
                      Barred set {item.set.id}: only one counts.
                    </Text>{' '}
                    {item.set.note ?? `“${item.set.text}”`}
                    {item.shownElsewhere.length > 0
                      ? ` Also in this set: ${item.shownElsewhere.join(', ')} (shown above).`
                      : ''}
                  </Caption1>
                  {item.units.map((unit) => row(unit, spans ? (groupTitle.get(unit.group) ?? unit.group) : undefined))}
                </div>
              );
            })}
          </section>
        );
      })}
    </>
  );
}
