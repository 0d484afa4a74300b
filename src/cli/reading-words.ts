// The command line's vocabulary for reading problems: where the pane has a setting, the command line has an option.
import type { ReadingVocabulary } from '../cohort/read';

/** What the marks mean is a --marks file here. */
export const CLI_WORDS: ReadingVocabulary = {
  addMark: (text) => `add "${text}" to what the marks mean, in a --marks file`,
};
