// The cohort reader: a grid of cell values to learner records. It finds the header row and the layout (a column per
// unit, or one list cell of units), reads each learner's marks, dates and qualification, leaves footer rows alone,
// and says what it could not read as warnings on their cells. Pure: the add-in and the command line read alike.
export { type ListField, listFieldOf } from './columns';
export { HEADER_SEARCH_ROWS, headerText, mergedRanges } from './header';
export { type ListBracket, listItemParts, listItems, listSeparator, UNMARKED_STATE } from './list';
export { DEFAULT_MARK_STYLE, DEFAULT_MARKS, MarkReader, type MarkVocabulary, parseMarkVocabulary } from './marks';
export { totalsOnlyReason } from './not-a-cohort';
export { QualificationResolver } from './qualification';
export {
  CohortHeader,
  type LearnerUnitsRead,
  readCohort,
  readCohortInSlices,
  type ReadLookups,
  type ReadOptions,
} from './read';
export { UnitIndex, unitIndexFor } from './unit-index';
export { type ReadingProblem } from '../../sheet';
export { headerWithoutUnitsWords, readingMessage, type ReadingVocabulary } from './reading-words';
