// Settings that change how the sheet is read and where the results go. They are saved for the next time. The fields
// come in a chunk of their own when Settings is first opened: it starts collapsed, and checking needs none of them.
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Spinner } from '@fluentui/react-components';
import { lazy, Suspense } from 'react';

const SettingsFields = lazy(() =>
  import(/* webpackChunkName: "settings" */ './SettingsFields.js').then((m) => ({ default: m.SettingsFields })),
);

export function SettingsPanel({ errors }: { errors: string[] }) {
  return (
    <Accordion collapsible defaultOpenItems={[]}>
      <AccordionItem value="settings">
        <AccordionHeader>Settings</AccordionHeader>
        <AccordionPanel>
          <Suspense fallback={<Spinner size="tiny" label="Opening the settings…" />}>
            <SettingsFields errors={errors} />
          </Suspense>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
