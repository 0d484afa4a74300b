// A notice an action ended with (an error, what Apply or an export did): a MessageBar that takes the focus and is said
// once through the live region as its title and body, two sentences, when `result` becomes a new value. A notice
// without `result` is shown and not said (it is part of a view another announcement already described).
import { MessageBar, MessageBarBody, MessageBarTitle, type MessageBarProps } from '@fluentui/react-components';
import { useRef, type ReactNode } from 'react';
import { sentences, useResultFocus } from './announcer';

export function PaneNotice({
  intent,
  title,
  children,
  result,
  testId,
  layout = 'multiline',
  words,
}: {
  intent: MessageBarProps['intent'];
  title?: string;
  children?: ReactNode;
  /** The outcome this notice shows; a new value focuses and says it. */
  result?: unknown;
  testId?: string;
  layout?: MessageBarProps['layout'];
  /** What to say when the body holds more than sentences (links, a download): else the title and the body's text. */
  words?: string;
}) {
  const body = useRef<HTMLSpanElement>(null);
  const ref = useResultFocus<HTMLDivElement>(result, () => words ?? sentences(title, body.current?.textContent));
  return (
    <MessageBar
      intent={intent}
      layout={layout}
      data-testid={testId}
      ref={result === undefined ? undefined : ref}
      tabIndex={result === undefined ? undefined : -1}
    >
      <MessageBarBody>
        {title && <MessageBarTitle>{title}</MessageBarTitle>}
        {title && ' '}
        <span ref={body}>{children}</span>
      </MessageBarBody>
    </MessageBar>
  );
}
