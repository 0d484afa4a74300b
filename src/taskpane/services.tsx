// What every tab of the pane gets: the Excel host to run batches on, the qualification catalogue, and the settings.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { HostRun } from '../excel';
import type { Catalogue } from '../rules/catalogue';
import { LastReading } from './last-reading';
import {
  browserStore,
  loadSettings,
  saveSettings,
  type KeyValueStore,
  type PaneSettings,
} from '../settings/pane-settings';

export interface PaneServices {
  run: HostRun;
  catalogue: Catalogue;
  store: KeyValueStore;
}

interface PaneState extends PaneServices {
  settings: PaneSettings;
  updateSettings: (change: Partial<PaneSettings>) => void;
  /** The last whole-sheet reading any tab made, for the next tab to start from. */
  lastReading: LastReading;
}

const PaneContext = createContext<PaneState | null>(null);

export function PaneProvider({ services, children }: { services: PaneServices; children: ReactNode }) {
  const [settings, setSettings] = useState<PaneSettings>(() => loadSettings(services.store));
  const updateSettings = useCallback(
    (change: Partial<PaneSettings>) =>
      setSettings((current) => {
        const next = { ...current, ...change };
        saveSettings(next, services.store);
        return next;
      }),
    [services.store],
  );
  const [lastReading] = useState(() => new LastReading());
  // An edit of the rules sheet drops the kept reading (last-reading.ts), heard for the pane's lifetime. Loaded after
  // the first view: until it is, a reading made with a rules sheet is not reused.
  useEffect(() => {
    let stop: (() => void) | null = null;
    let gone = false;
    import('../excel/rules-sheet-edits.js')
      .then(({ followRulesSheetEdits }) => followRulesSheetEdits(services.run, () => lastReading.rulesEdited()))
      .then(
        (stopper) => {
          if (gone) {
            stopper?.();
            return;
          }
          stop = stopper;
          lastReading.hearsRulesEdits(stopper !== null);
        },
        () => lastReading.hearsRulesEdits(false),
      );
    return () => {
      gone = true;
      stop?.();
      lastReading.hearsRulesEdits(false);
    };
  }, [services.run, lastReading]);
  const value = useMemo(
    () => ({ ...services, settings, updateSettings, lastReading }),
    [services, settings, updateSettings, lastReading],
  );
  return <PaneContext.Provider value={value}>{children}</PaneContext.Provider>;
}

export function usePane(): PaneState {
  const state = useContext(PaneContext);
  if (!state) throw new Error('usePane outside PaneProvider');
  return state;
}

export function defaultServices(run: HostRun, catalogue: Catalogue): PaneServices {
  return { run, catalogue, store: browserStore() };
}
