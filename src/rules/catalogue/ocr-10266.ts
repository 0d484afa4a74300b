// OCR Level 2 Certificate in Principles of Contact Centre Operations (10266), from the OCR data sheet
// (shared/specs/001_6b8505b51714802b.txt). The sheet gives unit numbers and titles but no unit credits, levels or
// GLH: those are null (unknown) until a centre supplies them from the OCR centre handbook. Only the Group A total
// ("three mandatory units from Group A (7 credits)") is stated, and it bounds the Group A units' credits.
//
// Units 7, 8 and 9 lost their numbers in the text; the order of the list gives them (6, then the three, then 10).
// The Ofqual qualification number is not in the sheet, so the id is the OCR scheme code.
import type { QualificationDefinition } from '../model';
import { dataSheetQualification } from './ocr-data-sheet';

export const OCR_10266: QualificationDefinition = dataSheetQualification({
  scheme: '10266',
  title: 'OCR Level 2 Certificate in Principles of Contact Centre Operations',
  level: 2,
  candidates: 'Candidates',
  totalCredits: 13,
  creditsAtLevel: 10,
  groupACredits: 7,
  groupBCredits: 6,
  barredPairs: [
    [4, 5],
    [6, 8],
    [7, 9],
  ],
  units: [
    { number: 1, title: 'Principles of personal effectiveness in a contact centre', group: 'A', qcfRef: 'T/503/0356' },
    { number: 2, title: 'Principles of health and safety in a contact centre', group: 'A' },
    {
      number: 3,
      title: 'Principles of personal responsibilities and working in a business environment',
      group: 'A',
      qcfRef: 'L/601/7638',
    },
    { number: 4, title: 'Principles of using systems and technology in a contact centre', group: 'B' },
    { number: 5, title: 'Principles and processes of systems and technology in a contact centre', group: 'B' },
    { number: 6, title: 'Principles of communication and customer service in a contact centre', group: 'B' },
    { number: 7, title: 'Principles of selling in a contact centre', group: 'B', renumbered: true },
    { number: 8, title: 'Principles of customer service in a contact centre', group: 'B', renumbered: true },
    {
      number: 9,
      title: 'Principles of sales activities and customer support in a contact centre',
      group: 'B',
      renumbered: true,
    },
    { number: 10, title: 'Principles of handling incidents through a contact centre', group: 'B' },
    {
      number: 11,
      title: 'Principles of legal, regulatory and ethical requirements of a contact centre',
      group: 'B',
      sheetSpelling: {
        title: 'Principles of legal, requlatory and ethical requirements of a contact centre',
        word: 'requlatory',
      },
    },
  ],
});
