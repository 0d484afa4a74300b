// OCR Level 3 Certificate in Principles of Contact Centre Operations (10267), from the OCR data sheet
// (shared/specs/001_6b8505b51714802b.txt). As for 10266: unit numbers and titles only; credits, levels and GLH are
// null (unknown) until a centre supplies them; the Group A total ("(9 credits)") bounds the Group A units' credits.
//
// Unit 8 lost its number in the text; the order of the list gives it (between 7 and 9).
// The Ofqual qualification number is not in the sheet, so the id is the OCR scheme code.
import type { QualificationDefinition } from '../model';
import { literalLevelNote } from './level-reading';
import { dataSheetUnits } from './ocr-data-sheet';

export const OCR_10267: QualificationDefinition = {
  id: '10267',
  title: 'OCR Level 3 Certificate in Principles of Contact Centre Operations',
  awardingBody: 'OCR',
  level: 3,
  origin: 'embedded',
  groups: [
    { id: 'A', title: 'Group A - Mandatory Units', totalCredits: 9 },
    { id: 'B', title: 'Group B - Optional Units' },
  ],
  units: dataSheetUnits('10267', [
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
  ]),
  rules: [
    { id: 'total', kind: 'totalCredits', min: 16, text: 'candidates must achieve at least 16 credits' },
    {
      id: 'level-3',
      kind: 'levelCredits',
      level: 3,
      orAbove: false,
      min: 10,
      text: 'at least 16 credits, of which 10 must be at Level 3',
      note: literalLevelNote('at Level 3', 3),
    },
    {
      id: 'mandatory-A',
      kind: 'mandatory',
      group: 'A',
      text: 'made up of three mandatory units from Group A (9 credits)',
    },
    {
      id: 'group-B',
      kind: 'groupCredits',
      groups: ['B'],
      min: 7,
      text: 'a minimum of 7 credits from optional Group B',
    },
    {
      id: 'barred-4-5',
      kind: 'barred',
      units: ['10267-U4', '10267-U5'],
      text: 'Candidates may take either unit 4 or 5 (but not both)',
    },
    { id: 'barred-6-8', kind: 'barred', units: ['10267-U6', '10267-U8'], text: 'unit 6 or 8 (but not both)' },
    { id: 'barred-7-9', kind: 'barred', units: ['10267-U7', '10267-U9'], text: 'unit 7 or 9 (but not both)' },
    { id: 'barred-12-13', kind: 'barred', units: ['10267-U12', '10267-U13'], text: 'unit 12 or 13 (but not both)' },
  ],
};
