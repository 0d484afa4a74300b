// What is wrong with a workbook file, in a person's words. The command line puts the file's name in front; the text
// never carries a library's own error message.

export class WorkbookFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookFileError';
  }
}

/** A package that cannot be read as it stands: what is wrong, and that re-saving in Excel mends it. */
export function damaged(why: string): WorkbookFileError {
  return new WorkbookFileError(`the workbook is damaged and cannot be read (${why}); open and re-save it in Excel`);
}
