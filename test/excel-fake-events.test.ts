// The fake Excel host's worksheet events (ExcelApi 1.7), strict as Office.js is: a handler is registered only when
// the batch that adds it syncs, a host without 1.7 or a sheet that does not exist fails that sync, handlers are told
// after the change (the user's and the add-in's own writes alike), removal needs the request context of the add, and
// a deleted sheet's handlers go with it.
import assert from 'node:assert/strict';
import type { HostContext, HostWorksheet } from '../src/excel/host';
import { createFakeExcel, FakeExcelError, FakeWorkbookState } from './fake-excel';
import type { FakeEventHandlerResult } from './fake-excel/proxies';

interface Changed {
  type: string;
  worksheetId: string;
  address: string;
  changeType: string;
  source: string;
}

/** The events of the fake's proxies, which the adapter reaches the same way through Office.js's. */
function onChanged(sheet: HostWorksheet) {
  return (
    sheet as unknown as {
      onChanged: { add(handler: (args: Changed) => Promise<unknown>): FakeEventHandlerResult };
    }
  ).onChanged;
}
function onAdded(context: HostContext) {
  return (
    context.workbook.worksheets as unknown as {
      onAdded: { add(handler: (args: { worksheetId: string }) => Promise<unknown>): FakeEventHandlerResult };
    }
  ).onAdded;
}

function book(): FakeWorkbookState {
  const b = new FakeWorkbookState();
  b.addSheet('Cohort').put('A1', [['Learner ID'], ['L1']]);
  b.addSheet('Qualification rules').put('A1', [['Qualification', 'EX/0001/1']]);
  return b;
}

/** Lets the host's event deliveries (after each change) run. */
const delivered = () => new Promise((resolve) => setTimeout(resolve, 5));

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => error instanceof FakeExcelError && error.code === code);
}

describe('fake Excel host: worksheet events (ExcelApi 1.7)', () => {
  it('registers onChanged at sync, and tells the handler of a user’s edit afterwards, with the changed address', async () => {
    const fake = createFakeExcel(book(), { excelApi: '1.7' });
    const heard: Changed[] = [];
    await fake.run(async (context) => {
      onChanged(context.workbook.worksheets.getItem('Qualification rules')).add((args) => {
        heard.push(args);
        return Promise.resolve();
      });
      fake.book.typeInto('Qualification rules', 'B3', [['before the sync']]);
      await delivered();
      assert.equal(heard.length, 0, 'not registered before the sync');
      await context.sync();
    });
    fake.book.typeInto('Qualification rules', 'C4', [[12, 3]]);
    assert.equal(heard.length, 0, 'told after the change, not during it');
    await delivered();
    const rulesId = fake.book.sheet('Qualification rules')!.id;
    assert.deepEqual(heard, [
      { type: 'WorksheetChanged', worksheetId: rulesId, address: 'C4:D4', changeType: 'RangeEdited', source: 'Local' },
    ]);
    fake.book.typeInto('Cohort', 'B2', [['A']]);
    await delivered();
    assert.equal(heard.length, 1, 'another sheet’s edit is not this sheet’s event');
  });

  it('tells of the add-in’s own writes too, as Excel does (source Local)', async () => {
    const fake = createFakeExcel(book(), { excelApi: '1.7' });
    const heard: string[] = [];
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Cohort');
      onChanged(sheet).add((args) => Promise.resolve(heard.push(`${args.address} ${args.source}`)));
      await context.sync();
      sheet.getRange('C1:C2').values = [['x'], ['y']];
      sheet.getRange('A2').clear('Contents');
      await context.sync();
    });
    await delivered();
    assert.deepEqual(heard, ['C1:C2 Local', 'A2 Local']);
  });

  it('fails the sync that adds a handler on a host before ExcelApi 1.7, and on a sheet that does not exist', async () => {
    const old = createFakeExcel(book());
    await rejectsWith(
      old.run(async (context) => {
        onChanged(context.workbook.worksheets.getItem('Cohort')).add(() => Promise.resolve());
        await context.sync();
      }),
      'ApiNotFound',
    );
    const fake = createFakeExcel(book(), { excelApi: '1.7' });
    await rejectsWith(
      fake.run(async (context) => {
        onChanged(context.workbook.worksheets.getItem('Budget')).add(() => Promise.resolve());
        await context.sync();
      }),
      'ItemNotFound',
    );
  });

  it('removes a handler in the context it was added in, and refuses removal once that batch has ended', async () => {
    const fake = createFakeExcel(book(), { excelApi: '1.7' });
    let heard = 0;
    const added = await fake.run(async (context) => {
      const result = onChanged(context.workbook.worksheets.getItem('Cohort')).add(() => Promise.resolve(heard++));
      await context.sync();
      return result;
    });
    fake.book.typeInto('Cohort', 'A3', [['L2']]);
    await delivered();
    assert.equal(heard, 1);
    assert.throws(
      () => added.remove(),
      (error: unknown) => (error as FakeExcelError).code === 'InvalidObjectPath',
    );

    await fake.run(async (context) => {
      const result = onChanged(context.workbook.worksheets.getItem('Cohort')).add(() => Promise.resolve(heard++));
      await context.sync();
      result.remove();
      fake.book.typeInto('Cohort', 'A4', [['L3']]);
      await delivered();
      assert.equal(heard, 3, 'still registered (both) until the removal syncs');
      await context.sync();
    });
    fake.book.typeInto('Cohort', 'A5', [['L4']]);
    await delivered();
    assert.equal(heard, 4, 'only the first handler is left');
  });

  it('tells onAdded of a sheet the add-in adds or the user adds, by id, and drops a deleted sheet’s handlers', async () => {
    const fake = createFakeExcel(book(), { excelApi: '1.7' });
    const added: string[] = [];
    let changed = 0;
    await fake.run(async (context) => {
      onAdded(context).add((args) => Promise.resolve(added.push(args.worksheetId)));
      onChanged(context.workbook.worksheets.getItem('Qualification rules')).add(() => Promise.resolve(changed++));
      await context.sync();
      context.workbook.worksheets.add('Results');
      await context.sync();
    });
    fake.book.userAddsSheet('Copy of rules');
    await delivered();
    assert.deepEqual(added, [fake.book.sheet('Results')!.id, fake.book.sheet('Copy of rules')!.id]);
    // By id, as WorksheetCollection.getItem takes it.
    const name = await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(added[0]).load('name');
      await context.sync();
      return sheet.name;
    });
    assert.equal(name, 'Results');

    fake.book.userDeletesSheet('Qualification rules');
    fake.book.userAddsSheet('Qualification rules').put('A1', [['Qualification']]);
    fake.book.typeInto('Qualification rules', 'B1', [['EX/0001/1']]);
    await delivered();
    assert.equal(changed, 0, 'the handler went with the deleted sheet; the new one has none');
  });
});
