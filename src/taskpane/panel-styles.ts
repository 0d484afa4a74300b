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
  /** Text a screen reader says and the page does not show (a unit's facts in words, a pause between a chip and its message). */
  spokenOnly: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});
