// The rules of Microsoft's custom-functions metadata reference ("Manually create JSON metadata for custom functions",
// learn.microsoft.com/office/dev/add-ins/excel/custom-functions-json), as checks on a functions.json: each broken
// rule is one line, so a test can show them all. Excel cannot run here; a file that breaks these may not register.

export interface FunctionsMetadata {
  functions: {
    id: string;
    name: string;
    parameters: { name: string; type?: string; dimensionality?: string; optional?: boolean; repeating?: boolean }[];
    result: { type?: string; dimensionality?: string };
    options?: Record<string, boolean | undefined>;
  }[];
}

const TYPES = ['boolean', 'number', 'string', 'any'];
const DIMENSIONALITIES = ['scalar', 'matrix'];

/** Every rule of the reference the metadata breaks, in words; empty when it keeps them all. */
export function metadataProblems(metadata: FunctionsMetadata): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const f of metadata.functions) {
    const at = `function ${f.id}`;
    // "This ID can only contain alphanumeric characters and periods", unique within the file.
    if (!/^[A-Za-z0-9.]+$/.test(f.id)) problems.push(`${at}: an id of letters, digits and periods only`);
    if (ids.has(f.id)) problems.push(`${at}: the id is used twice`);
    ids.add(f.id);
    if (!f.name) problems.push(`${at}: a name is required`);
    if (!Array.isArray(f.parameters)) problems.push(`${at}: parameters is required`);
    if (typeof f.result !== 'object' || f.result === null) problems.push(`${at}: result is required`);
    for (const p of f.parameters ?? []) {
      if (!p.name) problems.push(`${at}: every parameter has a name`);
      if (p.type !== undefined && !TYPES.includes(p.type)) problems.push(`${at}: parameter ${p.name} type ${p.type}`);
      if (p.dimensionality !== undefined && !DIMENSIONALITIES.includes(p.dimensionality))
        problems.push(`${at}: parameter ${p.name} dimensionality ${p.dimensionality}`);
    }
    const result = f.result ?? {};
    if (result.type !== undefined && !TYPES.includes(result.type)) problems.push(`${at}: result type ${result.type}`);
    if (result.dimensionality !== undefined && !DIMENSIONALITIES.includes(result.dimensionality))
      problems.push(`${at}: result dimensionality ${result.dimensionality}`);
    const o = f.options ?? {};
    // requiresParameterAddresses "must be used in combination with the dimensionality property of the result
    // object, and dimensionality must be set to matrix".
    if (o.requiresParameterAddresses && result.dimensionality !== 'matrix')
      problems.push(`${at}: requiresParameterAddresses needs a result of dimensionality matrix`);
    // "A function can't use both the stream and ..." cancelable, requiresAddress, volatile.
    for (const option of ['cancelable', 'requiresAddress', 'volatile'])
      if (o.stream && o[option]) problems.push(`${at}: stream and ${option} together`);
    for (const option of ['requiresStreamAddress', 'requiresStreamParameterAddresses'])
      if (o[option] && !o.stream) problems.push(`${at}: ${option} needs stream`);
    if (o.excludeFromAutoComplete && o.linkedEntityLoadService)
      problems.push(`${at}: excludeFromAutoComplete and linkedEntityLoadService together`);
  }
  return problems;
}
