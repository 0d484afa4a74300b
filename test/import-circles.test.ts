// No file of src/ imports, through others, a file that imports it: scripts/import-circles.ts finds such circles (in
// the lint step), shown here to find them in small graphs, and to find none in the real tree.
import assert from 'node:assert/strict';
import path from 'node:path';
import { importCircles, importGraph, type ImportGraph } from '../scripts/import-circles';

const graphOf = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

describe('import circles between the files of src/', () => {
  it('are found whatever their length, each as the files in it', () => {
    const graph = graphOf({
      'a.ts': ['b.ts'],
      'b.ts': ['c.ts'],
      'c.ts': ['a.ts', 'd.ts'],
      'd.ts': [],
      'e.ts': ['f.ts'],
      'f.ts': ['e.ts'],
    });
    assert.deepEqual(importCircles(graph), [
      ['a.ts', 'b.ts', 'c.ts'],
      ['e.ts', 'f.ts'],
    ]);
  });

  it('include a file that imports itself, and no chain that only goes one way', () => {
    assert.deepEqual(importCircles(graphOf({ 'a.ts': ['a.ts'] })), [['a.ts']]);
    assert.deepEqual(importCircles(graphOf({ 'a.ts': ['b.ts', 'c.ts'], 'b.ts': ['c.ts'], 'c.ts': [] })), []);
  });

  it('are counted through type-only imports, re-exports and the pane dynamic imports too', () => {
    const graph = importGraph(path.resolve(__dirname, '..'));
    // The graph is read from the real files: a type-only import the reader missed would hide a circle.
    // src/sheet/types.ts imports nothing but types, from the model's folder.
    assert.ok(graph.get('src/sheet/types.ts')?.includes('src/rules/model/index.ts'), 'a type-only import is an edge');
    assert.ok(graph.get('src/taskpane/VirtualList.tsx')?.includes('src/taskpane/WindowedList.tsx'), 'import() too');
  });

  it('are none in the real tree', () => {
    assert.deepEqual(importCircles(importGraph(path.resolve(__dirname, '..'))), []);
  });
});
