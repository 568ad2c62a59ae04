import { describe, expect, it } from 'vitest';
import { readCsv, splitCsvLine } from '../../../src/shared/codecs/csv';

describe('readCsv', () => {
  it('handles quotes, doubled quotes, CRLF, a byte-order mark and blank lines', () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""",3\r\n\r\n1,,2\n';
    expect(readCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', '3'] },
      { line: 4, fields: ['1', '', '2'] },
    ]);
  });

  it('rejects an unterminated quote', () => {
    expect(() => readCsv('a\n"open')).toThrow(/unterminated quoted field starting on line 2/);
  });
});

describe('splitCsvLine', () => {
  it('splits a plain line on commas, keeping empty fields', () => {
    expect(splitCsvLine('a,,b,')).toEqual(['a', '', 'b', '']);
  });

  it('reads quoted fields with commas and doubled quotes, as readCsv does', () => {
    const line = '"x, y","say ""hi""",3';
    expect(splitCsvLine(line)).toEqual(['x, y', 'say "hi"', '3']);
    expect(splitCsvLine(line)).toEqual(readCsv(line)[0].fields);
  });

  it('keeps a quote inside an unquoted field as an ordinary character', () => {
    // The old tick-file splitter opened a quoted section here and swallowed the comma.
    expect(splitCsvLine('5" screen,6')).toEqual(['5" screen', '6']);
  });

  it('rejects an unterminated quote without a misleading line number', () => {
    expect(() => splitCsvLine('1,"open,2')).toThrow(new SyntaxError('unterminated quoted field'));
  });

  it('reads a blank line as one empty field', () => {
    expect(splitCsvLine('')).toEqual(['']);
  });
});
