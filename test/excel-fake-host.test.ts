// The fake Excel host must fail where the real one fails, or the adapter tests prove nothing.
import assert from 'node:assert/strict';
import type { HostContext } from '../src/excel/host';
import { areasOf } from '../src/excel/merged-areas';
import { createFakeExcel, FakeExcelError, FakeWorkbookState } from './fake-excel';
import { evaluateFormula } from './fake-excel/formula';

function bookWithCohort(): FakeWorkbookState {
  const book = new FakeWorkbookState();
  book.addSheet('Cohort').put('B2', [
    ['Learner ID', 'Unit 1'],
    ['L1', 'A'],
    ['L2', 'P'],
  ]);
  return book;
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<FakeExcelError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof FakeExcelError, `expected a FakeExcelError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected ${code}`);
}

describe('fake Excel host', () => {
  it('throws PropertyNotLoaded for a property read before load and sync', async () => {
    const { run } = createFakeExcel(bookWithCohort());
    await run(async (context) => {
      const range = context.workbook.worksheets.getActiveWorksheet().getUsedRange();
      assert.throws(() => range.values, /PropertyNotLoaded|not available/);
      range.load('values');
      assert.throws(() => range.values, /not available/);
      await context.sync();
      assert.deepEqual(range.values, [
        ['Learner ID', 'Unit 1'],
        ['L1', 'A'],
        ['L2', 'P'],
      ]);
      assert.throws(() => range.address, /not available/, 'a property not named in load stays unavailable');
    });
  });

  it('gives the used range with its sheet-qualified address and 0-based indexes', async () => {
    const { run } = createFakeExcel(bookWithCohort());
    await run(async (context) => {
      const used = context.workbook.worksheets
        .getItem('Cohort')
        .getUsedRange(true)
        .load('address,rowIndex,columnIndex,rowCount,columnCount');
      await context.sync();
      assert.deepEqual(
        [used.address, used.rowIndex, used.columnIndex, used.rowCount, used.columnCount],
        ['Cohort!B2:C4', 1, 1, 3, 2],
      );
    });
  });

  it('applies writes only at sync, in order', async () => {
    const fake = createFakeExcel(bookWithCohort());
    const sheet = fake.book.sheet('Cohort')!;
    await fake.run(async (context) => {
      const cell = context.workbook.worksheets.getItem('Cohort').getRange('D3');
      cell.values = [['first']];
      cell.values = [['second']];
      assert.equal(sheet.at('D3'), undefined);
      await context.sync();
      assert.equal(sheet.at('D3'), 'second');
    });
  });

  it('keeps what a failed batch did before the failing operation, as Excel does', async () => {
    const fake = createFakeExcel(bookWithCohort());
    const sheet = fake.book.sheet('Cohort')!;
    await rejectsWith(
      fake.run(async (context) => {
        const ws = context.workbook.worksheets.getItem('Cohort');
        ws.getRange('D2').values = [['before']];
        ws.getRange('D3:E3').values = [['wrong shape']];
        ws.getRange('D4').values = [['after']];
        await context.sync();
      }),
      'InvalidArgument',
    );
    assert.equal(sheet.at('D2'), 'before');
    assert.equal(sheet.at('D4'), undefined);
  });

  it('leaves a cell unchanged for null and empties it for an empty string', async () => {
    const fake = createFakeExcel(bookWithCohort());
    const sheet = fake.book.sheet('Cohort')!;
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Cohort').getRange('B3:C3').values = [[null, '']];
      await context.sync();
    });
    assert.equal(sheet.at('B3'), 'L1');
    assert.equal(sheet.at('C3'), undefined);
  });

  it('stores numeric text as a number unless the cell is formatted as text', async () => {
    const fake = createFakeExcel(bookWithCohort());
    const sheet = fake.book.sheet('Cohort')!;
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Cohort');
      ws.getRange('E2').values = [['00123']];
      ws.getRange('E3').numberFormat = [['@']];
      ws.getRange('E3').values = [['00123']];
      await context.sync();
    });
    assert.equal(sheet.at('E2'), 123);
    assert.equal(sheet.at('E3'), '00123');
  });

  it('fails a sync whose request is over the payload limit, and records its size', async () => {
    const fake = createFakeExcel(bookWithCohort(), { limitBytes: 1000 });
    await rejectsWith(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('Cohort').getRange('A10:A60').values = Array.from({ length: 51 }, () => [
          'x'.repeat(30),
        ]);
        await context.sync();
      }),
      'RequestPayloadSizeLimitExceeded',
    );
    assert.ok(fake.stats.syncs[0].requestBytes > 1000);
    assert.equal(fake.book.sheet('Cohort')!.at('A10'), undefined, 'nothing of an oversized request is applied');
  });

  it('fails a sync whose response is over the payload limit', async () => {
    const book = new FakeWorkbookState();
    book.addSheet('Big').put(
      'A1',
      Array.from({ length: 100 }, () => ['y'.repeat(50)]),
    );
    const fake = createFakeExcel(book, { limitBytes: 2000 });
    await rejectsWith(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('Big').getRange('A1:A100').load('values');
        await context.sync();
      }),
      'ResponsePayloadSizeLimitExceeded',
    );
  });

  it('refuses writes to a protected sheet with AccessDenied', async () => {
    const fake = createFakeExcel(bookWithCohort());
    fake.book.sheet('Cohort')!.protected = true;
    await rejectsWith(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('Cohort').getRange('D2').values = [['x']];
        await context.sync();
      }),
      'AccessDenied',
    );
  });

  it('refuses a write that cuts through a merged area', async () => {
    const fake = createFakeExcel(bookWithCohort());
    fake.book.sheet('Cohort')!.merge('C6:D6');
    await rejectsWith(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('Cohort').getRange('D5:D7').values = [['a'], ['b'], ['c']];
        await context.sync();
      }),
      'InvalidOperation',
    );
  });

  it('keeps only the upper-left value of a merged area written whole, as Excel does', async () => {
    const fake = createFakeExcel(bookWithCohort());
    const sheet = fake.book.sheet('Cohort')!;
    sheet.merge('AX20:AY21');
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Cohort').getRange('AW20:AY21').values = [
        ['w1', 'x1', 'y1'],
        ['w2', 'x2', 'y2'],
      ];
      await context.sync();
    });
    const cells = Object.fromEntries(sheet.snapshot());
    assert.deepEqual(
      ['AW20', 'AX20', 'AY20', 'AW21', 'AX21', 'AY21'].map((a) => cells[a] ?? null),
      ['w1', 'x1', null, 'w2', null, null],
    );
  });

  it('gives the merged areas a range meets, whole, as RangeAreas.address does, and a null object for none', async () => {
    const fake = createFakeExcel(bookWithCohort(), { excelApi: '1.13' });
    fake.book.sheet('Cohort')!.merge('AX20:AY21').merge('B30:C30');
    const [found, none] = await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Cohort');
      const areas = [sheet.getRange('AY21:AZ40'), sheet.getRange('D1:D5')].map((r) =>
        r.getMergedAreasOrNullObject().load('address'),
      );
      await context.sync();
      return areas.map((a) => (a.isNullObject ? null : a.address));
    });
    assert.equal(found, 'Cohort!AX20:AY21');
    assert.equal(none, null);
    assert.deepEqual(areasOf("Cohort!AX20:AY21, 'Marks, 2025!'!B30:C30, Cohort!$D$2"), ['AX20:AY21', 'B30:C30', 'D2']);
  });

  it('fails getMergedAreasOrNullObject at sync on a host older than ExcelApi 1.13', async () => {
    const fake = createFakeExcel(bookWithCohort(), { excelApi: '1.12' });
    await rejectsWith(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('Cohort').getRange('A1:B2').getMergedAreasOrNullObject().load('address');
        await context.sync();
      }),
      'ApiNotFound',
    );
  });

  it('reports ItemNotFound at sync for a sheet that does not exist, and a null object for getItemOrNullObject', async () => {
    const fake = createFakeExcel(bookWithCohort());
    await rejectsWith(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('Nope').load('name');
        await context.sync();
      }),
      'ItemNotFound',
    );
    await fake.run(async (context) => {
      const maybe = context.workbook.worksheets.getItemOrNullObject('Nope').load('name');
      await context.sync();
      assert.equal(maybe.isNullObject, true);
    });
  });

  it('refuses every request while the user is editing a cell', async () => {
    const fake = createFakeExcel(bookWithCohort());
    fake.book.editingCell = true;
    await rejectsWith(
      fake.run(async (context) => {
        context.workbook.worksheets.getActiveWorksheet().load('name');
        await context.sync();
      }),
      'InvalidOperationInCellEditMode',
    );
  });

  it('kills proxies when their Excel.run ends, and flags work queued but never synced', async () => {
    const fake = createFakeExcel(bookWithCohort());
    let kept: HostContext | undefined;
    await fake.run(async (context) => {
      kept = context;
      await context.sync();
    });
    assert.throws(() => kept!.workbook.worksheets.getActiveWorksheet().load('name'), /after its Excel.run/);
    await rejectsWith(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('Cohort').getRange('D2').values = [['lost']];
      }),
      'GeneralException',
    );
  });

  it('reports mixed hidden rows as null and evaluates cell-value conditional formats', async () => {
    const fake = createFakeExcel(bookWithCohort());
    const sheet = fake.book.sheet('Cohort')!;
    sheet.hiddenRows.add(2);
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Cohort');
      const block = ws.getRange('B2:C4').load('rowHidden');
      const row = ws.getRange('B3:C3').load('rowHidden');
      const status = ws.getRange('C3:C4');
      const format = status.conditionalFormats.add('CellValue');
      format.cellValue.format.fill.color = '#C6EFCE';
      format.cellValue.rule = { formula1: '="a"', operator: 'EqualTo' };
      const count = status.conditionalFormats.getCount();
      await context.sync();
      assert.equal(block.rowHidden, null);
      assert.equal(row.rowHidden, true);
      assert.equal(count.value, 1);
    });
    assert.deepEqual(sheet.conditionalStyleAt('C3'), { fill: '#C6EFCE', font: undefined });
    assert.equal(sheet.conditionalStyleAt('C4'), null);
  });

  it('trims a conditional format when part of its range is cleared', async () => {
    const fake = createFakeExcel(bookWithCohort());
    const sheet = fake.book.sheet('Cohort')!;
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Cohort');
      ws.getRange('A1:C10').conditionalFormats.add('ContainsText').textComparison.rule = {
        operator: 'Contains',
        text: 'L',
      };
      await context.sync();
      ws.getRange('C1:C10').conditionalFormats.clearAll();
      await context.sync();
    });
    assert.equal(sheet.conditionalFormats.length, 1);
    assert.deepEqual(sheet.conditionalFormats[0].ranges, [{ row: 0, column: 0, rows: 10, columns: 2 }]);
  });

  it("evaluates a custom format formula with references relative to the format's top-left cell", () => {
    const cells: Record<string, string> = {
      C1: 'Unit 1',
      D1: 'Unit 2',
      C2: 'A',
      D2: 'A',
      C3: 'P',
      F2: 'Unit 2',
      F3: 'Unit 1, Unit 2',
    };
    const valueAt = (row: number, column: number) => cells[`${String.fromCharCode(65 + column)}${row + 1}`];
    const formula = '=AND(C2<>"",ISNUMBER(FIND(", "&C$1&",",", "&$F2&",")))';
    const at = (address: string) => ({ row: Number(address.slice(1)) - 1, column: address.charCodeAt(0) - 65 });
    const anchor = at('C2');
    assert.equal(evaluateFormula(formula, anchor, at('C2'), valueAt), false, 'Unit 1 is not listed on row 2');
    assert.equal(evaluateFormula(formula, anchor, at('D2'), valueAt), true, 'Unit 2 is listed on row 2');
    assert.equal(evaluateFormula(formula, anchor, at('C3'), valueAt), true, 'Unit 1 is listed on row 3');
    assert.equal(evaluateFormula(formula, anchor, at('D3'), valueAt), false, 'D3 is empty');
    assert.throws(() => evaluateFormula('=VLOOKUP(A1,B1,2)', anchor, at('C2'), valueAt), /cannot evaluate VLOOKUP/);
  });

  it('counts syncs and the bytes each one carries', async () => {
    const fake = createFakeExcel(bookWithCohort());
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Cohort').getUsedRange().load('values');
      await context.sync();
      await context.sync();
    });
    assert.equal(fake.stats.count, 2);
    assert.ok(fake.stats.syncs[0].responseBytes > 20);
    assert.equal(fake.stats.syncs[1].operations, 0);
  });
});
