// The pane's tabs. A new panel (what-if, registration prep) is one more entry here; each panel reads the shared
// services and settings through usePane().
import type { ComponentType } from 'react';
import { CheckTab } from './check/CheckTab';
import { RegistrationTab } from './registration/RegistrationTab';
import { RulesTab } from './rules/RulesTab';
import { WhatIfTab } from './whatif/WhatIfTab';

export interface PaneTab {
  id: string;
  label: string;
  Panel: ComponentType;
}

export const PANE_TABS: readonly PaneTab[] = [
  { id: 'check', label: 'Check cohort', Panel: CheckTab },
  { id: 'whatif', label: 'What-if', Panel: WhatIfTab },
  { id: 'registration', label: 'Registration', Panel: RegistrationTab },
  { id: 'rules', label: 'Qualification data', Panel: RulesTab },
];
