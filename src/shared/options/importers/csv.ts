/**
 * Minimal RFC 4180 reader: comma-separated, fields optionally in double quotes with "" for a quote,
 * CRLF or LF line ends, blank lines skipped. Returns rows of raw strings with their 1-based line.
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
