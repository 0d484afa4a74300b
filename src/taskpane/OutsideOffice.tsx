// Shown when the page is opened in a plain browser: office.js then reports no host and there is no workbook to read.
import { MessageBar, MessageBarBody, MessageBarTitle, Text } from '@fluentui/react-components';

export function OutsideOffice() {
  return (
    <>
      <MessageBar intent="info" layout="multiline" data-testid="outside-office">
        <MessageBarBody>
          <MessageBarTitle>Open this pane from Excel</MessageBarTitle>
          This page is the qualcheck task pane. It checks the learners on an Excel sheet, so it only works inside Excel:
          open a cohort workbook and choose Home &gt; Check cohort.
        </MessageBarBody>
      </MessageBar>
      <Text size={200}>
        It works in Excel on the web, on Windows and on Mac. If Home &gt; Check cohort is not there, the add-in has not
        been added to your Excel yet: ask whoever looks after your centre’s Office apps to add qualcheck, or add it
        yourself from Home &gt; Add-ins.
      </Text>
    </>
  );
}
