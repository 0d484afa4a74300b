// The shape of a qualification definition as a centre writes it in JSON, as a JSON schema. The descriptions are
// written for people: they show up in editors that read the schema and in the messages for a missing field.
import { KIND_NAMES, KINDS, type LevelJson, type RuleJsonOf, level, text, type KindSchema } from '../kinds';
import type { RuleKind, SuppliedFacts } from '../model';

export type { LevelJson } from '../kinds';

export interface GroupJson {
  id: string;
  title: string;
  totalCredits?: number;
}

export interface UnitJson {
  ref: string;
  title: string;
  credits?: number | null;
  glh?: number | null;
  level?: LevelJson | null;
  group: string;
  number?: number;
  aliases?: string[];
  source?: string;
  supplied?: SuppliedFacts;
}

/** A rule as JSON writes it, for each kind. */
export type RuleJson = { [K in RuleKind]: RuleJsonOf<K> }[RuleKind];

export interface DefinitionJson {
  $schema?: string;
  id: string;
  title: string;
  awardingBody: string;
  level: LevelJson;
  codes?: string[];
  operational?: { from?: string; to?: string };
  minAge?: number;
  glh?: { min: number; max: number };
  groups: GroupJson[];
  units: UnitJson[];
  rules: RuleJson[];
  equivalents?: { ref: string; title: string; countsAs: string }[];
  origin?: string;
}

const count = (description: string) => ({ type: 'integer', minimum: 0, description }) as const;
const unknownOr = (description: string) => ({ type: ['integer', 'null'], minimum: 0, description }) as const;

const ruleId = text('a short name for the rule, used in reports; left out, it becomes rule-1, rule-2, ... by position');
const ruleText = text('the sentence of the specification the rule comes from, quoted');
const ruleNote = {
  type: 'string',
  description: 'how the sentence was read where it could be read more than one way',
} as const;

/** A rule of one kind: the fields every rule has, and the kind's own from its module. */
function rule(kind: RuleKind, { description, fields, required }: KindSchema) {
  return {
    type: 'object',
    description,
    required: ['kind', 'text', ...required],
    additionalProperties: false,
    properties: { kind: { const: kind }, id: ruleId, text: ruleText, note: ruleNote, ...fields },
  } as const;
}

/** JSON schema (draft-07) of one qualification definition. */
export const definitionJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'qualcheck qualification definition',
  type: 'object',
  required: ['id', 'title', 'awardingBody', 'level', 'groups', 'units', 'rules'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'the address of this schema, for editors; qualcheck ignores it' },
    id: text('the Ofqual qualification number, for example "600/5106/1", or the awarding body\'s code'),
    title: text('the qualification title, as the awarding body writes it'),
    awardingBody: text('the awarding body, for example "OCR"'),
    level: level('the qualification level: 1 to 8, or "Entry"'),
    codes: {
      type: 'array',
      items: text('another identifier'),
      description: 'other identifiers people write for the qualification',
    },
    operational: {
      type: 'object',
      description: 'the dates registration is open, as YYYY-MM-DD',
      additionalProperties: false,
      properties: {
        from: text('the first day registration is open, as YYYY-MM-DD'),
        to: text('the last day registration is open, as YYYY-MM-DD'),
      },
    },
    minAge: count('the minimum age of a learner, in years'),
    glh: {
      type: 'object',
      description: 'the range of guided learning hours',
      required: ['min', 'max'],
      additionalProperties: false,
      properties: { min: count('the fewest guided learning hours'), max: count('the most guided learning hours') },
    },
    groups: {
      type: 'array',
      minItems: 1,
      description: 'the unit groups, for example mandatory Group A and optional Group B',
      items: {
        type: 'object',
        required: ['id', 'title'],
        additionalProperties: false,
        properties: {
          id: text('a short name for the group, for example "A"; units and rules name the group by it'),
          title: text('the group title, for example "Mandatory Group A"'),
          totalCredits: count("the credits of all the group's units together, when the specification states only that"),
        },
      },
    },
    units: {
      type: 'array',
      minItems: 1,
      description: 'every unit of the qualification',
      items: {
        type: 'object',
        required: ['ref', 'title', 'group'],
        additionalProperties: false,
        properties: {
          ref: text('the QCF unit reference, for example "L/601/0933", or an id of your own when there is none'),
          title: text('the unit title'),
          credits: unknownOr("the unit's credit value, a whole number, or null when not known"),
          glh: unknownOr("the unit's guided learning hours, a whole number, or null when not known"),
          level: {
            type: ['integer', 'string', 'null'],
            description: 'the unit level: 1 to 8, "Entry", or null when not known',
          },
          group: text('the id of the group the unit belongs to'),
          number: {
            type: 'integer',
            minimum: 1,
            description: 'the awarding body\'s unit number, for example 4 for OCR "Unit 4"',
          },
          aliases: {
            type: 'array',
            items: text('a header spelling'),
            description: "other ways a cohort sheet heads this unit's column",
          },
          source: { type: 'string', description: "where the unit's facts come from" },
          supplied: {
            type: 'object',
            description: "which of the unit's facts a centre supplied, and from where; qualcheck writes it",
            additionalProperties: false,
            properties: Object.fromEntries(
              ['credits', 'level', 'glh', 'group', 'number', 'title'].map((fact) => [
                fact,
                {
                  description: `where the unit's ${fact} came from`,
                  oneOf: [
                    {
                      type: 'object',
                      required: ['from'],
                      additionalProperties: false,
                      properties: { from: { const: 'rules sheet' } },
                    },
                    {
                      type: 'object',
                      required: ['from', 'file'],
                      additionalProperties: false,
                      properties: { from: { const: 'rules file' }, file: text("the rules file's name") },
                    },
                  ],
                },
              ]),
            ),
          },
        },
      },
    },
    rules: {
      type: 'array',
      minItems: 1,
      description: 'the rules of combination',
      items: {
        type: 'object',
        required: ['kind'],
        discriminator: { propertyName: 'kind' },
        oneOf: KIND_NAMES.map((kind) => rule(kind, KINDS[kind].schema)),
      },
    },
    equivalents: {
      type: 'array',
      description: "units of other qualifications that count as one of this qualification's units",
      items: {
        type: 'object',
        required: ['ref', 'title', 'countsAs'],
        additionalProperties: false,
        properties: {
          ref: text('the ref of the unit of the other qualification, for example "Y/600/1234"'),
          title: text('the title of that unit'),
          countsAs: text("the ref of this qualification's unit it counts as"),
        },
      },
    },
    origin: { type: 'string', description: 'set by qualcheck to the file the definition was read from; ignored here' },
  },
} as const;

const { $schema: _schemaAddress, ...oneDefinition } = definitionJsonSchema;

/** JSON schema of a rules file: one definition, or a list of them. */
export const definitionFileJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'qualcheck qualification definitions',
  anyOf: [oneDefinition, { type: 'array', items: oneDefinition }],
} as const;
