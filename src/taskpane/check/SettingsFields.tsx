// The settings themselves, loaded the first time Settings is opened (SettingsPanel.tsx): the pane's first view carries
// none of these controls.
import { Caption1, Field, Input, makeStyles, Radio, RadioGroup, Select, Switch } from '@fluentui/react-components';
import { DEFAULT_MARKS } from '../../cohort/read';
import { FieldGroup } from '../field-group';
import { usePanelStyles } from '../panel-styles';
import { usePane } from '../services';
import { readScopeOf, resultsPlaceOf, type PaneSettings } from '../../settings/pane-settings';

// A select is as wide as its longest option unless told otherwise; the qualifications' titles are wider than a pane.
const useStyles = makeStyles({
  select: { width: '100%', minWidth: 0 },
  // Inputs and the switch's label give way in a narrow pane (200 % zoom) instead of pushing it sideways.
  input: { width: '100%', minWidth: 0 },
  inputField: { minWidth: 0, width: '100%' },
  switchLabel: { minWidth: 0, overflowWrap: 'anywhere' },
  switchRoot: { maxWidth: '100%' },
});

function shown(words: readonly string[]): string {
  return words.filter((w) => w !== '').join(', ');
}

/** The words a centre adds to each meaning of a mark, one field each. */
const MARK_FIELDS = [
  { key: 'achieved', label: 'Also achieved', example: 'Done' },
  { key: 'planned', label: 'Also planned', example: 'Booked' },
  { key: 'notTaken', label: 'Also not taken', example: 'n/a' },
] as const;

export function SettingsFields({ errors }: { errors: string[] }) {
  const styles = usePanelStyles();
  const local = useStyles();
  const { settings, updateSettings, catalogue } = usePane();
  const marks = (change: Partial<PaneSettings['marks']>) => updateSettings({ marks: { ...settings.marks, ...change } });
  return (
    <div className={styles.column}>
      <Field label="What to check">
        <RadioGroup value={settings.scope} onChange={(_, data) => updateSettings({ scope: readScopeOf(data.value) })}>
          <Radio value="sheet" label="The whole sheet (its used range)" />
          <Radio value="selection" label="The selected table or range" />
        </RadioGroup>
      </Field>
      <Field
        label="Qualification for learners whose row names none"
        hint="Used when the sheet has no qualification column, or a learner's cell is empty."
      >
        <Select
          select={{ className: local.select }}
          value={settings.qualification}
          onChange={(_, data) => updateSettings({ qualification: data.value })}
        >
          <option value="">None: take it from the sheet</option>
          {catalogue.qualifications.map((q) => (
            <option key={q.id} value={q.id}>
              {q.id} {q.title}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Where the results go">
        <RadioGroup
          value={settings.place}
          onChange={(_, data) => updateSettings({ place: resultsPlaceOf(data.value) })}
        >
          <Radio value="beside" label="Columns right of the data" />
          <Radio value="sheet" label="On a separate results sheet" />
        </RadioGroup>
      </Field>
      <FieldGroup
        label="What the marks mean"
        hint={`Already understood: ${shown(DEFAULT_MARKS.achieved)} = achieved; ${shown(DEFAULT_MARKS.planned)} = planned; blank, ${shown(DEFAULT_MARKS.notTaken)} = not taken. Add your own words, separated by commas.`}
        validationState={errors.length > 0 ? 'error' : 'none'}
        validationMessage={errors.length > 0 ? errors.join(' ') : undefined}
      >
        <div className={styles.column}>
          {MARK_FIELDS.map(({ key, label, example }) => (
            <Input
              key={key}
              className={local.input}
              input={{ className: local.inputField }}
              aria-label={label}
              placeholder={`${label}, e.g. ${example}`}
              value={settings.marks[key]}
              onChange={(_, data) => marks({ [key]: data.value })}
            />
          ))}
          <Switch
            className={local.switchRoot}
            checked={settings.marks.datesMeanAchieved}
            onChange={(_, data) => marks({ datesMeanAchieved: data.checked })}
            label={{
              children: 'A date in a unit cell means achieved on that date',
              className: local.switchLabel,
            }}
          />
        </div>
      </FieldGroup>
      <Caption1>Settings are kept on this computer only.</Caption1>
    </div>
  );
}
