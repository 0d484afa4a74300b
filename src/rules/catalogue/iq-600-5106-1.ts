// IQ Level 2 NVQ Certificate In Contact Centre Operations (QCF), 600/5106/1, from the IQ qualification page
// (shared/specs/000_1286ae5b7cb69819.txt). Units are listed in the order of the page's table, so each line can be
// checked against the table row beside it: `<group><ref><title><credits><GLH>`, where the last cell runs credits
// (always one digit here) and GLH together: `533` is 5 credits and 33 GLH, `29` is 2 credits and 9 GLH.
//
// The table gives no unit levels. The few levels below come from the facts table in shared/specs/README.md, each
// with how sure it is; every other level is null (unknown) and a centre supplies it in a rules file.
import type { QualificationDefinition } from '../model';
import { literalLevelNote } from './level-reading';

const TABLE = 'credits and GLH: IQ 600/5106/1 unit table';
const LEVEL_UNKNOWN = `${TABLE}; level: not found in a public source`;
const LISTED = `${TABLE}; level: listed in public ITQ unit listings`;
const SALES_LIST = 'a Sales level 2 unit list (Skills CFA Sales standards)';


const BARRED_TEXT = 'learners are not allowed to take more than one unit of a barred set';

function barredNote(set: string): string {
  return `The units of the table's "Barred Units Group ${set}" rows; only one of them counts towards the credits.`;
}

export const IQ_600_5106_1: QualificationDefinition = {
  id: '600/5106/1',
  title: 'IQ Level 2 NVQ Certificate In Contact Centre Operations (QCF)',
  awardingBody: 'IQ',
  level: 2,
  operational: { from: '2012-05-24', to: '2013-12-31' },
  minAge: 18,
  glh: { min: 93, max: 172 },
  origin: 'embedded',
  groups: [
    { id: 'A', title: 'Mandatory Group A' },
    { id: 'B', title: 'Optional Group B' },
    { id: 'C', title: 'Optional Group C' },
  ],
  units: [
    { ref: 'L/601/0933', title: 'Give customers a positive impression of yourself and your organisation', credits: 5, glh: 33, level: null, group: 'C', source: LEVEL_UNKNOWN },
    { ref: 'D/503/0352', title: 'Comply with health and safety procedures in a contact centre', credits: 2, glh: 9, level: 1, group: 'A', source: `${TABLE}; level: inferred: numbered as a level 1 unit in a sibling contact centre scheme` },
    { ref: 'L/601/1225', title: 'Deal with customers using bespoke software', credits: 5, glh: 33, level: null, group: 'C', source: LEVEL_UNKNOWN },
    { ref: 'M/502/4300', title: 'Using Email', credits: 3, glh: 20, level: 2, group: 'C', source: LISTED },
    { ref: 'M/601/1511', title: 'Resolve customer service problems', credits: 6, glh: 40, level: null, group: 'C', source: LEVEL_UNKNOWN },
    { ref: 'H/503/0403', title: 'Communicate information to customers in different but familiar contexts through a contact centre', credits: 4, glh: 12, level: null, group: 'B', source: LEVEL_UNKNOWN },
    { ref: 'J/502/4299', title: 'Using Email', credits: 2, glh: 15, level: 1, group: 'C', source: `${TABLE}; level: inferred: the ITQ pair pattern (the lower-credit unit of a pair is level 1)` },
    { ref: 'Y/502/4291', title: 'IT Communication Fundamentals', credits: 2, glh: 15, level: 1, group: 'C', source: LISTED },
    { ref: 'F/502/4379', title: 'Using Collaborative Technologies', credits: 4, glh: 30, level: 2, group: 'C', source: LISTED },
    { ref: 'F/502/4396', title: 'Bespoke Software', credits: 3, glh: 20, level: 2, group: 'C', source: LISTED },
    { ref: 'R/601/1548', title: 'Develop your own customer service skills through self-study', credits: 6, glh: 40, level: null, group: 'C', source: LEVEL_UNKNOWN },
    { ref: 'F/601/1223', title: 'Deal with incoming telephone calls from customers', credits: 5, glh: 33, level: null, group: 'C', source: LEVEL_UNKNOWN },
    { ref: 'M/502/8606', title: 'Handling objections and closing sales', credits: 3, glh: 22, level: 2, group: 'C', source: `${TABLE}; level: inferred: the title is in ${SALES_LIST} (the level 3 unit of that name is F/502/8612)` },
    { ref: 'F/502/8559', title: 'Time planning in sales', credits: 2, glh: 13, level: 2, group: 'C', source: `${TABLE}; level: listed in ${SALES_LIST}, with credit value 2 and GLH 13 as in the IQ table` },
    { ref: 'L/503/0394', title: 'Carry out direct sales activities in a contact centre', credits: 5, glh: 15, level: null, group: 'B', source: LEVEL_UNKNOWN },
    { ref: 'T/502/4296', title: 'Using the Internet', credits: 3, glh: 20, level: 1, group: 'C', source: LISTED },
    { ref: 'M/601/1542', title: 'Buddy a colleague to develop their customer service skills', credits: 5, glh: 33, level: null, group: 'C', source: LEVEL_UNKNOWN },
    { ref: 'L/502/4627', title: 'Word processing software', credits: 3, glh: 20, level: 1, group: 'C', source: LISTED },
    { ref: 'K/503/0385', title: 'Deliver customer service through a contact centre', credits: 5, glh: 12, level: null, group: 'B', source: LEVEL_UNKNOWN },
    { ref: 'K/503/0421', title: 'Deal with incidents through a contact centre', credits: 7, glh: 40, level: null, group: 'B', source: LEVEL_UNKNOWN },
    { ref: 'A/502/4297', title: 'Using the Internet', credits: 4, glh: 30, level: 2, group: 'C', source: LISTED },
    { ref: 'D/502/8584', title: 'Inputting and accessing sales or marketing data in information systems', credits: 2, glh: 15, level: 2, group: 'C', source: `${TABLE}; level: inferred: the title is in ${SALES_LIST}` },
    { ref: 'D/601/0936', title: 'Promote additional services or products to customers', credits: 6, glh: 40, level: null, group: 'C', source: LEVEL_UNKNOWN },
    { ref: 'A/502/4378', title: 'Using Collaborative Technologies', credits: 3, glh: 20, level: 1, group: 'C', source: LISTED },
    { ref: 'J/503/0362', title: 'Use systems and technology during customer contact in a contact centre', credits: 4, glh: 24, level: null, group: 'B', source: LEVEL_UNKNOWN },
    { ref: 'J/502/8580', title: 'Selling by telephone - outbound', credits: 4, glh: 27, level: 2, group: 'C', source: `${TABLE}; level: inferred: "Selling by phone (outbound)" is in ${SALES_LIST}` },
    { ref: 'J/503/0426', title: 'Support customers and colleagues when providing contact centre services', credits: 5, glh: 15, level: null, group: 'B', source: LEVEL_UNKNOWN },
    { ref: 'D/502/4292', title: 'IT Communication Fundamentals', credits: 2, glh: 15, level: 2, group: 'C', source: LISTED },
    { ref: 'L/503/0413', title: 'Provide support through a contact centre for specified products and/or services', credits: 4, glh: 18, level: null, group: 'B', source: LEVEL_UNKNOWN },
    { ref: 'L/601/1614', title: 'Follow the rules to deliver customer service', credits: 4, glh: 30, level: null, group: 'C', source: LEVEL_UNKNOWN },
    { ref: 'H/600/9660', title: 'Develop working relationships with colleagues', credits: 3, glh: 15, level: null, group: 'C', source: LEVEL_UNKNOWN },
    { ref: 'T/601/1512', title: 'Deliver customer service to difficult customers', credits: 6, glh: 40, level: null, group: 'C', source: LEVEL_UNKNOWN },
    { ref: 'D/601/1522', title: 'Process customer service complaints', credits: 6, glh: 40, level: null, group: 'C', source: LEVEL_UNKNOWN },
    { ref: 'H/601/1215', title: 'Process information about customers', credits: 5, glh: 33, level: null, group: 'C', source: LEVEL_UNKNOWN },
    { ref: 'Y/601/1227', title: 'Maintain customer service through effective hand over', credits: 4, glh: 27, level: null, group: 'C', source: LEVEL_UNKNOWN },
    { ref: 'D/601/1553', title: 'Work with others to improve customer service', credits: 8, glh: 53, level: null, group: 'C', source: LEVEL_UNKNOWN },
    { ref: 'J/502/8577', title: 'Selling by telephone - inbound', credits: 4, glh: 27, level: 2, group: 'C', source: `${TABLE}; level: inferred: "Selling by phone (inbound)" is in ${SALES_LIST}` },
    { ref: 'H/601/1540', title: 'Support customers using on-line customer services', credits: 5, glh: 33, level: null, group: 'C', source: LEVEL_UNKNOWN },
    { ref: 'T/503/0342', title: 'Improve personal effectiveness at work in a contact centre', credits: 4, glh: 15, level: 2, group: 'A', source: `${TABLE}; level: inferred: numbered as a level 2 unit in a sibling contact centre scheme` },
  ],
  rules: [
    { id: 'total', kind: 'totalCredits', min: 28, text: 'learners must achieve 28 credits' },
    { id: 'level-2', kind: 'levelCredits', level: 2, orAbove: false, min: 15, text: '28 credits, 15 of which must be at level 2', note: literalLevelNote('at level 2', 2) },
    { id: 'mandatory-A', kind: 'mandatory', group: 'A', text: '6 credits from both of the mandatory units' },
    { id: 'group-B', kind: 'groupCredits', groups: ['B'], min: 12, text: 'a minimum of 12 credits from Optional Group B' },
    {
      id: 'groups-B-C',
      kind: 'groupCredits',
      groups: ['B', 'C'],
      min: 22,
      text: 'the remaining 10 credits selected from Optional Group B and Optional Group C',
      note: '6 mandatory + 12 from B + the remaining 10 from B and C: 22 credits from B and C together.',
    },
    { id: 'C1', kind: 'barred', units: ['L/601/1225', 'F/502/4396'], text: BARRED_TEXT, note: barredNote('C1') },
    { id: 'C2', kind: 'barred', units: ['M/502/4300', 'J/502/4299'], text: BARRED_TEXT, note: barredNote('C2') },
    { id: 'C3', kind: 'barred', units: ['F/502/4379', 'A/502/4378'], text: BARRED_TEXT, note: barredNote('C3') },
    { id: 'C4', kind: 'barred', units: ['T/502/4296', 'A/502/4297'], text: BARRED_TEXT, note: barredNote('C4') },
    { id: 'C5', kind: 'barred', units: ['Y/502/4291', 'D/502/4292'], text: BARRED_TEXT, note: barredNote('C5') },
  ],
};
