// Pieces of JSON schema (draft-07) that the kinds' fragments and the definition's schema share. The descriptions are
// written for people: editors that read the schema show them, and so do the messages for a missing field.

export const text = (description: string) => ({ type: 'string', minLength: 1, description }) as const;
export const level = (description: string) => ({ type: ['integer', 'string'], description }) as const;
// At least 1: a rule asking for no credits is met by every learner, so a 0 is a slip (a cleared cell, a typo).
export const creditMin = {
  type: 'integer',
  minimum: 1,
  description: 'the least number of credits, a whole number from 1',
} as const;

/** A kind's own fields in a definition: what the kind is, in a few words, and the fields it needs. */
export interface KindSchema {
  description: string;
  fields: Record<string, unknown>;
  required: readonly string[];
}
