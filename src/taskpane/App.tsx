// The pane's frame: Office's light theme, a header, the tabs; or, outside Office, a page that says where to open it.
import {
  FluentProvider,
  makeStaticStyles,
  makeStyles,
  Spinner,
  Tab,
  TabList,
  Text,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { Suspense, useState } from 'react';
import { PaneAnnouncer } from './announcer';
import { OutsideOffice } from './OutsideOffice';
import { PaneProvider, type PaneServices } from './services';
import { TabActiveContext } from './tab-activity';
import { PANE_TABS } from './tabs';

const useStyles = makeStyles({
  // On a div inside the provider, not on the provider: Fluent copies the provider's classes onto the layer that holds
  // popups (a list's options, a dialog), and a full-height background there would cover the pane once a list had opened.
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  header: {
    display: 'flex',
    flexDirection: 'column',
    paddingTop: tokens.spacingVerticalM,
    paddingLeft: tokens.spacingHorizontalL,
    paddingRight: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  // The short labels fit one row in a 350 px pane; narrower (a 300 px pane at 200 % zoom) the tabs wrap rather than
  // run off its edge.
  tabs: { flexWrap: 'wrap' },
  body: { padding: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

// Fluent marks a focused link only with a thin double underline, a field with a line under it, a radio or a button with
// a ring just short of WCAG 2.2's focus appearance (2.4.13: a 2 px perimeter changing by 3:1), and a scrolling list or
// a focused result (a summary's heading, a notice) not at all. Every focusable thing gets the same ring: 2 px of the
// focus stroke (black on the light theme, over 3:1 against every background of the pane) just outside it; a field,
// radio, checkbox or switch gets it round the whole control, label included.
const FOCUSED = [
  '.fui-Link:focus-visible',
  '.fui-Button:focus-visible',
  '[tabindex]:not([role="tab"]):not([role="combobox"]):not(input):focus-visible',
  '.fui-Input:focus-within:has(:focus-visible)',
  '.fui-Combobox:focus-within:has(:focus-visible)',
  '.fui-Select:focus-within:has(:focus-visible)',
  '.fui-Radio:has(input:focus-visible)',
  '.fui-Checkbox:has(input:focus-visible)',
  '.fui-Switch:has(input:focus-visible)',
];
const useFocusRings = makeStaticStyles({
  [FOCUSED.map((selector) => `.fui-FluentProvider ${selector}`).join(', ')]: {
    outline: `2px solid ${tokens.colorStrokeFocus2}`,
    outlineOffset: '2px',
    borderRadius: tokens.borderRadiusMedium,
  },
});

// A 300 px pane at 200 % zoom is 150 CSS px wide: a notice's or a button's long word (a unit reference, "qualification")
// breaks rather than being cut at the edge of its box.
const useNarrowText = makeStaticStyles({
  '.fui-FluentProvider .fui-MessageBarBody, .fui-FluentProvider .fui-Button, .fui-FluentProvider .fui-Label': {
    overflowWrap: 'anywhere',
    minWidth: 0,
  },
  '.fui-FluentProvider .fui-Button': { maxWidth: '100%' },
});

export function App({ services }: { services: PaneServices | null }) {
  const styles = useStyles();
  useFocusRings();
  useNarrowText();
  const [tab, setTab] = useState(PANE_TABS[0].id);
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set([PANE_TABS[0].id]));
  const show = (id: string) => {
    setTab(id);
    setOpened((current) => (current.has(id) ? current : new Set([...current, id])));
  };
  return (
    <FluentProvider theme={webLightTheme}>
      <PaneAnnouncer>
        <div className={styles.root}>
          <header className={styles.header}>
            <Text as="h1" size={500} weight="semibold">
              qualcheck
            </Text>
            <Text size={200}>Rules of combination for a cohort of learners</Text>
            {services && (
              <TabList
                className={styles.tabs}
                selectedValue={tab}
                onTabSelect={(_, data) => show(String(data.value))}
                size="small"
              >
                {PANE_TABS.map((t) => (
                  // The short label is shown; the full one, which begins with it, is the name a screen reader says.
                  <Tab key={t.id} value={t.id} aria-label={t.short === t.label ? undefined : t.label}>
                    {t.short}
                  </Tab>
                ))}
              </TabList>
            )}
          </header>
          <main className={styles.body}>
            {services ? (
              <PaneProvider services={services}>
                {PANE_TABS.filter((t) => opened.has(t.id)).map(({ id, label, Panel }) => (
                  <div key={id} role="tabpanel" aria-label={label} hidden={id !== tab}>
                    <TabActiveContext.Provider value={id === tab}>
                      <Suspense fallback={<Spinner size="small" label={`Opening ${label}…`} />}>
                        <Panel />
                      </Suspense>
                    </TabActiveContext.Provider>
                  </div>
                ))}
              </PaneProvider>
            ) : (
              <OutsideOffice />
            )}
          </main>
        </div>
      </PaneAnnouncer>
    </FluentProvider>
  );
}
