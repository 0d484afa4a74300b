// On the check tab: that the check used the workbook's rules sheet, and every problem on it with a link to its cell.
import { Link, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import type { CohortCheck } from '../check/useCohortCheck';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: '180px', overflowY: 'auto' },
});

const SHOWN = 20;

export function RulesSheetNotice({ cohort }: { cohort: CohortCheck }) {
  const styles = useStyles();
  const rules = cohort.outcome?.kind === 'done' ? cohort.outcome.outcome.rulesSheet : cohort.inspection?.rulesSheet;
  if (!rules) return null;
  const { errors, changes, definitions } = rules.use;
  const used = definitions.map((q) => q.id).join(', ');
  return (
    <>
      <MessageBar intent="info" data-testid="rules-sheet-used">
        <MessageBarBody>
          {definitions.length > 0
            ? `Qualification data for ${used} comes from sheet “${rules.sheetName}” (${changes.length} ${changes.length === 1 ? 'change' : 'changes'} to the built-in catalogue; see the Rules tab).`
            : `Sheet “${rules.sheetName}” was read, but none of it could be used.`}
        </MessageBarBody>
      </MessageBar>
      {errors.length > 0 && (
        <MessageBar intent="warning" data-testid="rules-sheet-errors">
          <MessageBarBody>
            <MessageBarTitle>Problems on sheet “{rules.sheetName}”</MessageBarTitle>A qualification whose block has a
            problem is checked with the built-in data until it is corrected.
            <ul className={styles.list}>
              {errors.slice(0, SHOWN).map((e, i) => (
                <li key={`${e.cell}-${i}`}>
                  <Link as="button" onClick={() => cohort.goTo(rules.sheetName, e.cell)} title={`Select ${e.cell}`}>
                    {e.cell}
                  </Link>{' '}
                  {e.message}
                </li>
              ))}
            </ul>
            {errors.length > SHOWN && `…and ${errors.length - SHOWN} more.`}
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
