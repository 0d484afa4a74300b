// The pane page in notice mode: the dialog the "Check now" ribbon command opens to say something.
import {
  Button,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';

const useStyles = makeStyles({
  page: { padding: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export function NoticePage({ title, text, onClose }: { title: string; text: string; onClose: () => void }) {
  const styles = useStyles();
  return (
    <FluentProvider theme={webLightTheme} className={styles.page}>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{title}</MessageBarTitle>
          {text}
        </MessageBarBody>
      </MessageBar>
      <Button appearance="primary" onClick={onClose}>
        Close
      </Button>
    </FluentProvider>
  );
}
