// The qualifications that ship with qualcheck, one file each, checked line by line against shared/specs.
import type { QualificationDefinition } from '../model';
import { IQ_600_5106_1 } from './iq-600-5106-1';
import { OCR_10266 } from './ocr-10266';
import { OCR_10267 } from './ocr-10267';

export const EMBEDDED_QUALIFICATIONS: readonly QualificationDefinition[] = [IQ_600_5106_1, OCR_10266, OCR_10267];
