import type { CliIo } from '../../../src/main/cli/types';

export interface CapturedIo extends CliIo {
  out: string;
  err: string;
}

export function captureIo(): CapturedIo {
  const io = {
    out: '',
    err: '',
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
  };
  return io;
}
