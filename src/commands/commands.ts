// Ribbon command "Check now": checks the active sheet with the pane's saved settings, without opening the pane.
// It only writes once the user has seen the undo-history warning in the pane; messages appear in a small dialog.
import { checkSheet, officeRun } from '../excel';
import { embeddedCatalogue } from '../rules/catalogue';
import { loadSettings, markVocabularyOf, undoWarningSeen } from '../settings/pane-settings';

/** Shows a message in an Office dialog (the pane page in notice mode) and resolves when the user closes it. */
function showNotice(title: string, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (!Office.context.requirements.isSetSupported('DialogApi', '1.1')) {
      resolve();
      return;
    }
    const url = `${window.location.origin}/taskpane.html?notice=${encodeURIComponent(text)}&title=${encodeURIComponent(title)}`;
    Office.context.ui.displayDialogAsync(url, { height: 35, width: 30, displayInIframe: true }, (result) => {
      if (result.status !== Office.AsyncResultStatus.Succeeded) {
        resolve();
        return;
      }
      const dialog = result.value;
      const close = () => {
        dialog.close();
        resolve();
      };
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, close);
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () => resolve());
    });
  });
}

export async function checkNow(event: Office.AddinCommands.Event): Promise<void> {
  try {
    if (!undoWarningSeen()) {
      await showNotice(
        'Check the cohort from the pane first',
        'The first check is started from the pane (Home > Check cohort), which explains what writing results does to Excel’s undo history. After that, Check now runs straight away.',
      );
      return;
    }
    const settings = loadSettings();
    const marks = markVocabularyOf(settings);
    if (marks.errors.length > 0) {
      await showNotice(
        'Settings need fixing',
        `The marks in Settings cannot be used: ${marks.errors.join(' ')} Open Home > Check cohort to fix them.`,
      );
      return;
    }
    const outcome = await checkSheet(officeRun(), {
      catalogue: embeddedCatalogue(),
      scope: settings.scope,
      place: settings.place,
      qualification: settings.qualification || undefined,
      marks: marks.vocabulary,
    });
    if (outcome.notices.length > 0) await showNotice('Checked', outcome.notices.join(' '));
  } catch (error) {
    await showNotice('The check did not finish', error instanceof Error ? error.message : String(error));
  } finally {
    event.completed();
  }
}

Office.onReady(() => {
  // Office.actions.associate is the current way to bind a function command; older hosts look the name up globally.
  if (Office.actions?.associate) Office.actions.associate('checkNow', checkNow);
  Object.assign(globalThis, { checkNow });
});
