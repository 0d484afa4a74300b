// Placeholder until the catalogue data lands: the list of embedded qualification definitions.
import type { QualificationDefinition } from '../model';

export const EMBEDDED_QUALIFICATIONS: readonly QualificationDefinition[] = [];
