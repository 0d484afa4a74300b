// Definitions: a qualification written as JSON a centre supplies (a rules file or a block of the rules sheet), read
// against its schema into the model, checked to hold together, compared with the catalogue's, and its problems
// worded for each surface. Pure.
export { readQualificationDefinitions } from './definition';
export { diffDefinitions } from './diff';
export { definitionsJson, readDefinitionsJson } from './file';
export { closestWord, type RulesFileProblem } from './messages';
export { fieldLabel, FILE_WORDS, formatPath, type ProblemVocabulary, problemWords, TYPE_WORDS } from './words';
