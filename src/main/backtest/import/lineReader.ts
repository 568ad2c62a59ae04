import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/**
 * Reads a text file line by line, synchronously, in 1 MiB chunks: imports are pulled one event at a
 * time by the replay, so a callback/stream reader would only add buffering. Handles CRLF, a UTF-8
 * BOM and multi-byte characters split across chunks. Line numbers are 1-based, as editors show them.
 */
/** Longer than any line of ticks or quotes; a file without line breaks (a device, a binary) stops here. */
const MAX_LINE_CHARS = 16 * 1024 * 1024;

export class LineReader {
  private readonly fd: number;
  private readonly chunk = Buffer.allocUnsafe(1 << 20);
  private readonly decoder = new StringDecoder('utf8');
  private lines: string[] = [];
  private lineIndex = 0;
  private carry = '';
  private position = 0;
  private eof = false;
  private closed = false;
  lineNumber = 0;
  readonly size: number;

  constructor(readonly path: string) {
    this.fd = fs.openSync(path, 'r');
    this.size = fs.fstatSync(this.fd).size;
  }

  /** The next line without its terminator, or null at end of file. */
  next(): string | null {
    while (this.lineIndex >= this.lines.length) {
      if (this.eof) return null;
      this.fill();
    }
    const line = this.lines[this.lineIndex++];
    this.lineNumber++;
    return line;
  }

  /** Bytes read from the file so far. */
  get bytesRead(): number {
    return this.position;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    fs.closeSync(this.fd);
  }

  private fill(): void {
    const read = fs.readSync(this.fd, this.chunk, 0, this.chunk.length, this.position);
    this.position += read;
    let text: string;
    if (read === 0) {
      this.eof = true;
      text = this.carry + this.decoder.end();
      this.carry = '';
      this.lines = text === '' ? [] : [stripCr(text)];
    } else {
      text = this.carry + this.decoder.write(this.chunk.subarray(0, read));
      const parts = text.split('\n');
      this.carry = parts.pop() ?? '';
      this.lines = parts.map(stripCr);
      if (this.carry.length > MAX_LINE_CHARS)
        throw new Error(
          `${this.path}: line ${this.lineNumber + this.lines.length + 1} is longer than 16 MiB; this is not a text file of lines`,
        );
    }
    if (this.position === read && this.lines.length > 0 && this.lines[0].charCodeAt(0) === 0xfeff)
      this.lines[0] = this.lines[0].slice(1);
    this.lineIndex = 0;
  }
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
