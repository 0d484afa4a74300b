// A status in words, the same on every tab: the Check summary's counts and the What-if verdict say it alike.
import type { Status } from '../rules/model';

export const STATUS_WORDS: Record<Status, string> = {
  achieved: 'achieved',
  'on-track': 'on track: the planned units complete it',
  incomplete: 'incomplete: more units needed',
  'needs-data': 'needs data: unit data missing, or the sheet to correct',
  invalid: 'invalid: a choice the rules forbid',
};
