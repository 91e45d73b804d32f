import fc from 'fast-check';
import { create, createUnitDependencies, unitDependencies, type FactoryFunctionMap } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { dimensions, GiB, parseQuantity, type Dimension } from './units.ts';

describe('parseQuantity', () => {
  it.each([
    ['80 GiB', 'bytes', 80 * GiB],
    ['1.5 TB', 'bytes', 1.5e12],
    ['1 KiB', 'bytes', 1024],
    ['250 ms', 'seconds', 0.25],
    ['30 d', 'seconds', 30 * 86400],
    ['45 min', 'seconds', 2700],
    ['24 h', 'seconds', 86400],
    ['40 MB/s', 'bytesPerSecond', 40e6],
    [1234, 'bytes', 1234],
    ['8e9', 'bytes', 8e9],
  ] as const)('%s as %s', (input, dimension, expected) => {
    expect(parseQuantity(input, dimension)).toEqual({ ok: true, value: expected });
  });

  it('keeps bytes as bytes, not the bits mathjs uses as its base', () => {
    expect(parseQuantity('1 B', 'bytes')).toEqual({ ok: true, value: 1 });
  });

  it('rejects a quantity of the wrong dimension', () => {
    const result = parseQuantity('5 GiB', 'seconds');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/not a duration/);
  });

  it('rejects text that is not a quantity', () => {
    expect(parseQuantity('lots', 'bytes').ok).toBe(false);
    expect(parseQuantity(Number.POSITIVE_INFINITY, 'bytes').ok).toBe(false);
  });

  it.each([
    ['100 Mb/s', 'bytesPerSecond', 12.5e6],
    ['1 GiB/min', 'bytesPerSecond', GiB / 60],
    ['1 b', 'bytes', 0.125],
    ['2 kibibytes', 'bytes', 2048],
    ['4EB', 'bytes', 4e18],
    ['4e3B', 'bytes', 4000],
    ['+.5 GiB', 'bytes', GiB / 2],
    ['1.e3 B', 'bytes', 1000],
    ['-5 GiB', 'bytes', -5 * GiB],
    ['  1 GB \t/\t s \n', 'bytesPerSecond', 1e9],
    ['3 us', 'seconds', 3e-6],
    ['2 weeks', 'seconds', 14 * 86400],
    ['1 year', 'seconds', 365.25 * 86400],
    ['GiB', 'bytes', GiB], // a bare unit is one of it, as in mathjs
  ] as const)('%j as %s', (input, dimension, expected) => {
    expect(parseQuantity(input, dimension)).toEqual({ ok: true, value: expected });
  });

  it('is exact where the unit is a power of ten or two', () => {
    // Correctly rounded: the double nearest the decimal value (a product 0.1 * 0.001 would not be).
    expect(parseQuantity('0.1 ms', 'seconds')).toEqual({ ok: true, value: 0.0001 });
    expect(parseQuantity('0.3 us', 'seconds')).toEqual({ ok: true, value: 3e-7 });
    expect(parseQuantity('1.1 TB/ms', 'bytesPerSecond')).toEqual({ ok: true, value: 1.1e15 });
    expect(parseQuantity('0.7 Gib', 'bytes')).toEqual({ ok: true, value: 0.7 * 2 ** 27 });
  });

  it('keeps the error message shapes', () => {
    expect(parseQuantity('5 GiB/s', 'bytes')).toEqual({ ok: false, message: '"5 GiB/s" is not a size in bytes; expected a unit such as "80 GiB"' });
    expect(parseQuantity('5 s', 'bytesPerSecond')).toEqual({ ok: false, message: '"5 s" is not a data rate; expected a unit such as "40 MB/s"' });
    expect(parseQuantity('1 s/GB', 'bytesPerSecond')).toEqual({ ok: false, message: '"1 s/GB" is not a data rate; expected a unit such as "40 MB/s"' });
    expect(parseQuantity('1e400 B', 'bytes')).toEqual({ ok: false, message: '"1e400 B" is not a finite quantity' });
    expect(parseQuantity(Number.NaN, 'seconds')).toEqual({ ok: false, message: 'must be a finite number of s' });
    expect(parseQuantity('1 B s^-1', 'bytesPerSecond')).toEqual({
      ok: false,
      message: '"1 B s^-1" is not a quantity; write a number of B/s or a value with a unit such as "40 MB/s"',
    });
    expect(parseQuantity('', 'bytes').ok).toBe(false);
  });

  it('names an unknown unit, with a did-you-mean when only the case is off', () => {
    const message = (input: string, dimension: Dimension) => {
      const result = parseQuantity(input, dimension);
      return result.ok ? `accepted ${result.value}` : result.message;
    };
    expect(message('1 KB', 'bytes')).toBe(
      '"1 KB" is not a quantity; write a number of B or a value with a unit such as "80 GiB" (unknown unit "KB"; did you mean "kB" or "KiB"?)',
    );
    expect(message('5 Ms', 'seconds')).toMatch(/^"5 Ms" is not a quantity; .*\(unknown unit "Ms"; did you mean "ms"\?\)$/);
    expect(message('1 decade', 'seconds')).toMatch(/\(unknown unit "decade"; use ns, us, ms, s, min, h, d, week, month or year\)$/);
    expect(message('5 kg', 'bytes')).toMatch(/\(unknown unit "kg"; use B \(bytes\) or b \(bits\)/);
    expect(message('1 GB/fortnight', 'bytesPerSecond')).toMatch(/\(unknown unit "fortnight"; use ns, us, ms/);
  });
});

// ---------------------------------------------------------------------------------------------
// mathjs as the oracle
// ---------------------------------------------------------------------------------------------

const math = create({ unitDependencies, createUnitDependencies } as FactoryFunctionMap);
math.createUnit('d', '1 day', { override: false });

/** What the mathjs-based parser returned: the value in base units, or undefined if rejected. */
function oracle(text: string, dimension: Dimension): number | undefined {
  const { baseUnit } = dimensions[dimension];
  try {
    const unit = math.unit(text.trim());
    // toNumber throws where the value is not real: "Wh/VAR" is a time, but mathjs's VAR is imaginary.
    return unit.equalBase(math.unit(baseUnit)) ? unit.toNumber(baseUnit) : undefined;
  } catch {
    return undefined;
  }
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

/** Every unit the parser supports, written out independently of its table. */
const cross = (prefixes: string[], names: string[]) => prefixes.flatMap((p) => names.map((n) => p + n));
const dataUnits = [
  ...cross(['', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi'], ['B', 'b']),
  ...cross(
    ['', 'kilo', 'mega', 'giga', 'tera', 'peta', 'exa', 'zetta', 'yotta', 'kibi', 'mebi', 'gibi', 'tebi', 'pebi', 'exi', 'zebi', 'yobi'],
    ['byte', 'bytes', 'bit', 'bits'],
  ),
];
const timeUnits = [
  ...cross(['', 'm', 'u', 'n'], ['s']),
  ...cross(['', 'milli', 'micro', 'nano'], ['sec', 'secs', 'second', 'seconds']),
  ...['min', 'mins', 'minute', 'minutes', 'h', 'hr', 'hrs', 'hour', 'hours', 'd', 'day', 'days'],
  ...['week', 'weeks', 'month', 'months', 'year', 'years'],
];

const blank = fc.constantFrom('', ' ', '  ', '\t');
/** mathjs's number syntax, kept to exponents where neither side over- or underflows. */
const numberText = fc.stringMatching(/^[-+]?(\d{1,7}(\.\d{0,5})?|\.\d{1,5})([eE][-+]?\d{1,2})?$/);
const unitText = (dimension: Dimension) =>
  dimension === 'bytes'
    ? fc.constantFrom(...dataUnits)
    : dimension === 'seconds'
      ? fc.constantFrom(...timeUnits)
      : fc.tuple(fc.constantFrom(...dataUnits), blank, blank, fc.constantFrom(...timeUnits)).map(([n, a, b, d]) => `${n}${a}/${b}${d}`);
const quantityText = (dimension: Dimension) =>
  fc.tuple(fc.option(numberText, { nil: '' }), blank, unitText(dimension)).map(([n, space, unit]) => `${n}${n ? space : ''}${unit}`);
const dimensionArb = fc.constantFrom<Dimension>('bytes', 'seconds', 'bytesPerSecond');
const runs = { numRuns: 3000 };

describe('parseQuantity against mathjs', () => {
  it('lists units mathjs knows, with the same size', () => {
    for (const unit of [...dataUnits, ...timeUnits]) {
      const dimension = dataUnits.includes(unit) ? 'bytes' : 'seconds';
      const expected = oracle(`1 ${unit}`, dimension);
      expect(expected, unit).toBeDefined();
      expect(parseQuantity(`1 ${unit}`, dimension), unit).toEqual({ ok: true, value: expected });
    }
  });

  it('gives mathjs\'s value, within 1e-9, for every supported unit', () => {
    fc.assert(
      fc.property(dimensionArb.chain((d) => fc.tuple(fc.constant(d), quantityText(d))), ([dimension, text]) => {
        const ours = parseQuantity(text, dimension);
        const theirs = oracle(text, dimension);
        expect(theirs, text).toBeDefined();
        expect(ours.ok, text).toBe(true);
        if (ours.ok) expect(close(ours.value, theirs!), `${text}: ${ours.value} vs ${theirs}`).toBe(true);
      }),
      runs,
    );
  });

  it('rejects the wrong dimension, as mathjs does', () => {
    const pair = fc.tuple(dimensionArb, dimensionArb).filter(([a, b]) => a !== b);
    fc.assert(
      fc.property(pair.chain(([written, wanted]) => fc.tuple(quantityText(written), fc.constant(wanted))), ([text, wanted]) => {
        const ours = parseQuantity(text, wanted);
        expect(ours.ok, text).toBe(false);
        if (!ours.ok) expect(ours.message).toMatch(/ is not a (size in bytes|duration|data rate); expected a unit such as /);
        expect(oracle(text, wanted), text).toBeUndefined();
      }),
      runs,
    );
  });

  it('accepts nothing mathjs rejects, and agrees on what both accept', () => {
    // Near misses: supported units with a letter's case flipped, arbitrary words, and mathjs units.
    const flipped = fc.tuple(fc.constantFrom(...dataUnits, ...timeUnits), fc.nat()).map(([unit, i]) => {
      const at = i % unit.length;
      const c = unit.charAt(at);
      return unit.slice(0, at) + (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) + unit.slice(at + 1);
    });
    const word = fc.oneof(
      flipped,
      fc.constantFrom(...dataUnits, ...timeUnits),
      fc.stringMatching(/^[A-Za-z]{1,4}$/),
      fc.constantFrom(...Object.keys(math.Unit.UNITS)),
    );
    const text = fc.tuple(fc.option(numberText, { nil: '' }), blank, word, fc.option(fc.tuple(blank, blank, word), { nil: undefined }))
      .map(([n, space, unit, per]) => `${n}${n ? space : ''}${unit}${per ? `${per[0]}/${per[1]}${per[2]}` : ''}`);
    fc.assert(
      fc.property(text, dimensionArb, (input, dimension) => {
        const ours = parseQuantity(input, dimension);
        const theirs = oracle(input, dimension);
        if (ours.ok) {
          expect(theirs, input).toBeDefined();
          expect(close(ours.value, theirs!), `${input}: ${ours.value} vs ${theirs}`).toBe(true);
        }
      }),
      runs,
    );
  });

  it.each([
    ['1 Ms', 'seconds'], ['1 ks', 'seconds'], ['1 ps', 'seconds'], ['1 hs', 'seconds'], ['1 decade', 'seconds'],
    ['1 centuries', 'seconds'], ['1 B Hz', 'bytesPerSecond'], ['1 B s^-1', 'bytesPerSecond'], ['1 GiB*s/s', 'bytes'],
  ] as const)('declines %j, which mathjs accepted, with a "not a quantity" error', (input, dimension) => {
    expect(oracle(input, dimension)).toBeDefined();
    const result = parseQuantity(input, dimension);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/ is not a quantity; /);
  });

  it('the oracle rejects what mathjs cannot give a real number for (a fast-check counterexample: "Wh/VAR" as a time)', () => {
    expect(oracle('Wh/VAR', 'seconds')).toBeUndefined();
    expect(parseQuantity('Wh/VAR', 'seconds').ok).toBe(false);
  });
});
