// OCR Level 3 Certificate in Principles of Contact Centre Operations (10267), from the OCR data sheet
// (shared/specs/001_6b8505b51714802b.txt). As for 10266: unit numbers and titles only; credits, levels and GLH are
// null (unknown) until a centre supplies them; the Group A total ("(9 credits)") bounds the Group A units' credits.
//
// Unit 8 lost its number in the text; the order of the list gives it (between 7 and 9).
// The Ofqual qualification number is not in the sheet, so the id is the OCR scheme code.
import type { QualificationDefinition } from '../model';
import { dataSheetQualification } from './ocr-data-sheet';

export const OCR_10267: QualificationDefinition = dataSheetQualification({
  scheme: '10267',
  title: 'OCR Level 3 Certificate in Principles of Contact Centre Operations',
  level: 3,
  candidates: 'candidates',
  totalCredits: 16,
  creditsAtLevel: 10,
  groupACredits: 9,
  groupBCredits: 7,
  barredPairs: [
    [4, 5],
    [6, 8],
    [7, 9],
    [12, 13],
  ],
  units: [
    {
      number: 1,
      title: 'Principles of personal and organisational effectiveness in a contact centre',
      group: 'A',
      qcfRef: 'F/503/0358',
    },
    { number: 2, title: 'Principles and processes of health and safety in a contact centre', group: 'A' },
    {
      number: 3,
      title: 'Principles of personal responsibilities and how to develop and evaluate own performance at work',
      group: 'A',
      qcfRef: 'D/601/7644',
    },
    { number: 4, title: 'Principles of using systems and technology in a contact centre', group: 'B' },
    { number: 5, title: 'Principles and processes of systems and technology in a contact centre', group: 'B' },
    { number: 6, title: 'Principles of communication and customer service in a contact centre', group: 'B' },
    { number: 7, title: 'Principles of selling in a contact centre', group: 'B' },
    { number: 8, title: 'Principles of customer service in a contact centre', group: 'B', renumbered: true },
    { number: 9, title: 'Principles of sales activities and customer support in a contact centre', group: 'B' },
    { number: 10, title: 'Principles of performance management in a contact centre', group: 'B' },
    { number: 11, title: 'Principles of resource planning in a contact centre', group: 'B' },
    { number: 12, title: 'Principles of handling incidents through a contact centre', group: 'B' },
    { number: 13, title: 'Principles of incident management through a contact centre', group: 'B' },
    {
      number: 14,
      title: 'Principles of legal, regulatory and ethical requirements of a contact centre',
      group: 'B',
      sheetSpelling: {
        title: 'Principles of legal, requlatory and ethical requirements of a contact centre',
        word: 'requlatory',
      },
    },
  ],
});
