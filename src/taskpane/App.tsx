// The pane's frame: Office's light theme, a header, the tabs; or, outside Office, a page that says where to open it.
import {
  FluentProvider,
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
  // A task pane can be 320 px wide: the tabs wrap rather than run off its edge.
  tabs: { flexWrap: 'wrap' },
  body: { padding: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export function App({ services }: { services: PaneServices | null }) {
  const styles = useStyles();
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
                  <Tab key={t.id} value={t.id}>
                    {t.label}
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
