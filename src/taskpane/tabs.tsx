// The pane's tabs. A new panel (what-if, registration prep) is one more entry here; each panel reads the shared
// services and settings through usePane(). The Check tab is the first view and comes with the pane; the others are
// loaded the first time they are opened, so the pane starts with only what checking needs.
import { lazy, type ComponentType } from 'react';
import { CheckTab } from './check/CheckTab';

export interface PaneTab {
  id: string;
  label: string;
  /** The label shown on the tab, so the four fit one row of a 350 px pane; `label` begins with it. */
  short: string;
  Panel: ComponentType;
}

const WhatIfTab = lazy(() =>
  import(/* webpackChunkName: "whatif" */ './whatif/WhatIfTab.js').then((m) => ({ default: m.WhatIfTab })),
);
const RegistrationTab = lazy(() =>
  import(/* webpackChunkName: "registration" */ './registration/RegistrationTab.js').then((m) => ({
    default: m.RegistrationTab,
  })),
);
const RulesTab = lazy(() =>
  import(/* webpackChunkName: "rules" */ './rules/RulesTab.js').then((m) => ({ default: m.RulesTab })),
);

export const PANE_TABS: readonly PaneTab[] = [
  { id: 'check', label: 'Check cohort', short: 'Check', Panel: CheckTab },
  { id: 'whatif', label: 'What-if', short: 'What-if', Panel: WhatIfTab },
  { id: 'registration', label: 'Registration', short: 'Registration', Panel: RegistrationTab },
  { id: 'rules', label: 'Rules (qualification data)', short: 'Rules', Panel: RulesTab },
];
