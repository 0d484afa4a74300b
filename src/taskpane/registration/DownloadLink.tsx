// A file the pane made, offered as a download: a Blob behind a link with the download attribute. Nothing leaves the
// machine; the browser saves the text it already holds.
import { Link } from '@fluentui/react-components';
import { useEffect, useState } from 'react';

export interface PaneFile {
  text: string;
  fileName: string;
  /** MIME type with its charset, for example `text/csv;charset=utf-8`. */
  type: string;
}

export function DownloadLink({ file, children, testId }: { file: PaneFile; children: string; testId?: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const made = URL.createObjectURL(new Blob([file.text], { type: file.type }));
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [file]);
  if (!url) return null;
  return (
    <Link href={url} download={file.fileName} data-testid={testId}>
      {children}
    </Link>
  );
}
