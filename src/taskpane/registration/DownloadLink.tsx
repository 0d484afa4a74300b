// A file the pane made, offered as a download: a Blob behind a link with the download attribute. Nothing leaves the
// machine; the browser saves the text it already holds. Excel for Mac's web view ignores such links (a WebKit
// limitation Office has not lifted), so each link says how to get the same file another way.
import { Caption1, Link } from '@fluentui/react-components';
import { useEffect, useState } from 'react';

export interface PaneFile {
  text: string;
  fileName: string;
  /** MIME type with its charset, for example `text/csv;charset=utf-8`. */
  type: string;
}

export function DownloadLink({
  file,
  children,
  testId,
  otherwise,
}: {
  file: PaneFile;
  children: string;
  testId?: string;
  otherwise: string;
}) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const made = URL.createObjectURL(new Blob([file.text], { type: file.type }));
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [file]);
  if (!url) return null;
  return (
    <>
      <Link href={url} download={file.fileName} data-testid={testId}>
        {children}
      </Link>{' '}
      <Caption1 data-testid={testId ? `${testId}-otherwise` : undefined}>
        If no file is saved (Excel for Mac cannot save a file from an add-in), {otherwise}.
      </Caption1>
    </>
  );
}
