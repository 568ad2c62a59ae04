/**
 * The one CSV reader (RFC 4180): comma-separated, fields optionally in double quotes with "" for a
 * quote, CRLF, LF or CR line ends, blank lines skipped, a leading byte-order mark ignored. A quote
 * opens a quoted field only at the start of the field (after optional spaces); elsewhere it is an
 * ordinary character, as spreadsheets and Python's csv module read it. An unterminated quoted field is
 * a SyntaxError naming the line it started on. `readCsv` reads a whole text (option chains);
 * `splitCsvLine` one line that a streaming reader has already cut (tick and LOBSTER imports).
 */
export interface CsvLine {
  readonly line: number;
  readonly fields: string[];
}

export function readCsv(text: string): CsvLine[] {
  const lines: CsvLine[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let fieldStarted = false;
  const endRecord = (): void => {
    fields.push(field);
    const blank = fields.length === 1 && fields[0].trim() === '' && !fieldStarted;
    if (!blank) lines.push({ line: startLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0; // byte-order mark from spreadsheet exports
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === '\n') line++;
        field += char;
      }
      continue;
    }
    if (char === '"' && field.trim() === '') {
      quoted = true;
      fieldStarted = true;
      field = '';
    } else if (char === ',') {
      fields.push(field);
      field = '';
      fieldStarted = true;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      startLine = line;
    } else field += char;
  }
  if (quoted) throw new SyntaxError(`unterminated quoted field starting on line ${startLine}`);
  if (field !== '' || fields.length > 0 || fieldStarted) endRecord();
  return lines;
}

/**
 * The fields of one line (no line break inside: a tick file never needs one, and a streaming reader
 * cuts at line breaks). Same rules as `readCsv`; a blank line is one empty field.
 */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  if (line.includes('\r')) throw new SyntaxError('a line break inside a CSV row');
  let records: CsvLine[];
  try {
    records = readCsv(line);
  } catch {
    // The caller knows the file's line number; "line 1" of this one line would mislead.
    throw new SyntaxError('unterminated quoted field');
  }
  return records[0]?.fields ?? [''];
}
