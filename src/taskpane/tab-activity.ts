// Tabs stay mounted once opened, so a check's summary or a what-if in progress survives a look at another tab. A
// hidden tab must not read the sheet: it reads again when it is shown, as the sheet may have changed meanwhile.
import { createContext, useContext } from 'react';

export const TabActiveContext = createContext(true);

/** Whether the tab this component is in is the one shown. */
export function useTabActive(): boolean {
  return useContext(TabActiveContext);
}
