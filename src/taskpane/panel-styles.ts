// The layout the pane's tabs and panels share, so they keep one spacing between their parts.
import { makeStyles, tokens } from '@fluentui/react-components';

export const usePanelStyles = makeStyles({
  /** A tab's or panel's parts, stacked with the pane's gap between them. */
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  /** A list without bullets whose items stand apart by the small gap (plans, rules). */
  plainList: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
});
