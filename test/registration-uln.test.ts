import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isPlaceholderUln, isValidUln, readUln, ulnCheckDigit } from '../src/registration/uln';

/** A valid ULN from nine generated digits, or null when that prefix has no check digit. */
function completed(prefix: string): string | null {
  const digit = ulnCheckDigit(prefix);
  return digit === null ? null : prefix + String(digit);
}

const prefixes = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }))
  .map(([first, rest]) => [first, ...rest].join(''));
const validUlns = prefixes.map(completed).filter((u): u is string => u !== null);

describe('ULN check digit', () => {
  it('accepts the example ULN from the registration facts', () => {
    assert.equal(isValidUln('9276308686'), true);
    assert.equal(ulnCheckDigit('927630868'), 6);
  });

  it('gives 0 as the check digit when the weighted sum leaves 10', () => {
    // 1 * 10 = 10, and 10 mod 11 = 10: the check digit is 10 - 10 = 0.
    assert.equal(ulnCheckDigit('100000000'), 0);
    assert.equal(isValidUln('1000000000'), true);
  });

  it('has no check digit for a prefix whose weighted sum is a multiple of 11', () => {
    // 1 at weight 10 and 6 at weight 2: 10 + 12 = 22, and 10 - 0 = 10 is not a digit.
    assert.equal(ulnCheckDigit('100000006'), null);
    // 1 at weight 9 and 1 at weight 2: 9 + 2 = 11.
    assert.equal(ulnCheckDigit('010000001'), null);
  });

  it('rejects every tenth digit for a prefix that has no check digit', () => {
    for (let d = 0; d <= 9; d++) assert.equal(isValidUln(`100000006${d}`), false, `100000006${d}`);
  });

  it('leaves one prefix in 11 without a check digit', () => {
    let none = 0;
    for (let n = 100_000_000; n < 100_110_000; n++) if (ulnCheckDigit(String(n)) === null) none++;
    assert.equal(none, 10_000);
  });

  it('rejects a first digit 0 even when the check digit fits', () => {
    // 0 + 1 * 9 = 9, check digit 1: the arithmetic fits, the first digit does not.
    assert.equal(ulnCheckDigit('010000000'), 1);
    assert.equal(isValidUln('0100000001'), false);
  });

  it('rejects a wrong check digit and wrong lengths', () => {
    assert.equal(isValidUln('9276308687'), false);
    assert.equal(isValidUln('927630868'), false);
    assert.equal(isValidUln('92763086860'), false);
  });

  it('becomes invalid when any single digit of a valid ULN changes', () => {
    fc.assert(
      fc.property(validUlns, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (uln, position, step) => {
        const changed = (Number(uln[position]) + step) % 10;
        const mutated = uln.slice(0, position) + String(changed) + uln.slice(position + 1);
        assert.notEqual(mutated, uln);
        assert.equal(isValidUln(mutated), false, `${uln} -> ${mutated}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('becomes invalid when two neighbouring different digits of a valid ULN are swapped', () => {
    fc.assert(
      fc.property(validUlns, fc.integer({ min: 0, max: 8 }), (uln, position) => {
        fc.pre(uln[position] !== uln[position + 1]);
        const swapped = uln.slice(0, position) + uln[position + 1] + uln[position] + uln.slice(position + 2);
        assert.equal(isValidUln(swapped), false, `${uln} -> ${swapped}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('becomes invalid when any two different digits are swapped, neighbours or not', () => {
    // Swapping digits a and b at weights w and v changes the sum by (w - v)(b - a): both factors are non-zero mod 11.
    fc.assert(
      fc.property(validUlns, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }), (uln, i, j) => {
        fc.pre(i < j && uln[i] !== uln[j]);
        const digits = [...uln];
        [digits[i], digits[j]] = [digits[j], digits[i]];
        assert.equal(isValidUln(digits.join('')), false, `${uln} -> ${digits.join('')}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('catches every single-digit change and neighbour swap, walked exhaustively over 9,000 prefixes', () => {
    // The property tests sample; this walks all 9 * 10^3 prefixes of the form d00000xyz to cover every position.
    let checked = 0;
    for (let first = 1; first <= 9; first++) {
      for (let tail = 0; tail < 1000; tail++) {
        const uln = completed(`${first}00000${String(tail).padStart(3, '0')}`);
        if (uln === null) continue;
        for (let i = 0; i < 10; i++) {
          for (let d = 0; d <= 9; d++) {
            if (String(d) === uln[i]) continue;
            assert.equal(isValidUln(uln.slice(0, i) + String(d) + uln.slice(i + 1)), false);
          }
          if (i < 9 && uln[i] !== uln[i + 1]) {
            assert.equal(isValidUln(uln.slice(0, i) + uln[i + 1] + uln[i] + uln.slice(i + 2)), false);
          }
        }
        checked++;
      }
    }
    assert.ok(checked > 8000, `only ${checked} valid ULNs walked`);
  });
});

describe('reading a ULN cell', () => {
  it('reads a ULN typed as text', () => {
    assert.deepEqual(readUln('9276308686'), { uln: '9276308686' });
  });

  it('reads a ULN stored as a number exactly', () => {
    assert.deepEqual(readUln(9276308686), { uln: '9276308686' });
  });

  it('reads a ULN with spaces between digit groups, and says so', () => {
    const reading = readUln('9276 308 686');
    assert.equal(reading.uln, '9276308686');
    assert.equal(reading.problem, undefined);
    assert.match(reading.note ?? '', /spaces ignored/);
  });

  it("reads a ULN whose value starts with Excel's text apostrophe, and says so", () => {
    const reading = readUln("'9276308686");
    assert.equal(reading.uln, '9276308686');
    assert.match(reading.note ?? '', /leading apostrophe ignored/);
    assert.match(readUln('\u2019 9276 308 686').note ?? '', /leading apostrophe and spaces ignored/);
    assert.equal(readUln("'9276308687").problem?.code, 'invalid-uln', 'the digits after it are checked as any others');
    assert.equal(readUln("'9999999999").problem?.code, 'placeholder-uln');
    assert.equal(readUln("9276308686'").problem?.code, 'invalid-uln', "only a leading apostrophe is Excel's text mark");
    assert.equal(readUln("'").problem?.code, 'invalid-uln');
    assert.match(readUln("'9.27631E+09").problem?.message ?? '', /scientific notation/);
  });

  it('reports a ULN in scientific notation as lost, without guessing the digits', () => {
    const reading = readUln('9.27631E+09');
    assert.equal(reading.uln, undefined);
    assert.equal(reading.problem?.code, 'invalid-uln');
    assert.match(reading.problem?.message ?? '', /scientific notation/);
  });

  it('hints at scientific notation when a number ends in zeros and fails the check', () => {
    const reading = readUln(9276310000);
    assert.equal(reading.problem?.code, 'invalid-uln');
    assert.match(reading.problem?.message ?? '', /scientific notation/);
  });

  it('reports 9999999999 and the other placeholders, asking for a blank instead', () => {
    for (const placeholder of ['9999999999', '0000000000', '1234567890', '5555555555', 1111111111]) {
      const reading = readUln(placeholder);
      assert.equal(reading.problem?.code, 'placeholder-uln', String(placeholder));
      assert.match(reading.problem?.message ?? '', /blank/);
    }
    assert.equal(isPlaceholderUln('9276308686'), false);
  });

  it('finds that no all-same-digit number passes the check, so a placeholder is never a real ULN', () => {
    // The ten weights 10..1 sum to 55 = 5 * 11: every all-same-digit number sums to 0 mod 11, never 10.
    for (let d = 0; d <= 9; d++) assert.equal(isValidUln(String(d).repeat(10)), false);
    assert.equal(isValidUln('1234567890'), false);
  });

  it('allows a blank ULN and says the awarding body will issue one', () => {
    for (const blank of [null, undefined, '', '   ']) {
      const reading = readUln(blank);
      assert.equal(reading.uln, undefined);
      assert.equal(reading.problem, undefined);
      assert.match(reading.note ?? '', /issue/);
    }
  });

  it('reports a wrong check digit, a short number, a leading 0 and letters as invalid', () => {
    for (const bad of ['9276308687', '927630868', '0276308686', 'UNKNOWN', '9276-308-686', 9276308686.5, true]) {
      assert.equal(readUln(bad).problem?.code, 'invalid-uln', String(bad));
    }
  });

  it('reports a date or a formula error in the ULN cell', () => {
    assert.equal(readUln(new Date(Date.UTC(2005, 3, 3))).problem?.code, 'invalid-uln');
    assert.match(readUln({ error: '#N/A' }).problem?.message ?? '', /#N\/A/);
  });
});
