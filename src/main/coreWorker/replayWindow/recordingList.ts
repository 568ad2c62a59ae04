import fs from 'node:fs';
import path from 'node:path';
import type { RecordingFileView } from '../../../shared/api/views';
import { FILE_EXTENSION } from '../../../shared/recording/format';
import { RecordingReader } from '../../backtest/recording/reader';

const DAY_IN_NAME = /(\d{4}-\d{2}-\d{2})/;

/**
 * The recordings in `directory` (the live recorder's <dataDir>/recordings), newest first. Cheap by
 * design: a cleanly closed recording says its event count and time span in its index footer (the
 * last bytes of the file); a file without one — today's, still being written, or one whose writer
 * crashed — is not scanned, its count is left null.
 */
export function listRecordings(directory: string): RecordingFileView[] {
  let names: string[];
  try {
    names = fs.readdirSync(directory);
  } catch {
    return [];
  }
  const views: RecordingFileView[] = [];
  for (const name of names) {
    if (!name.endsWith(FILE_EXTENSION)) continue;
    const file = path.join(directory, name);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      continue;
    }
    if (!stat.isFile()) continue;
    views.push(describe(name, file, stat));
  }
  return views.sort(
    (a, b) => b.modifiedUs - a.modifiedUs || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0),
  );
}

function describe(name: string, file: string, stat: fs.Stats): RecordingFileView {
  const base = {
    name,
    path: file,
    sizeBytes: stat.size,
    modifiedUs: Math.trunc(stat.mtimeMs * 1000),
  };
  const dayFromName = DAY_IN_NAME.exec(name)?.[1] ?? null;
  let reader: RecordingReader;
  try {
    reader = RecordingReader.open(file);
  } catch (error) {
    return {
      ...base,
      day: dayFromName,
      events: null,
      firstEventUs: null,
      lastEventUs: null,
      problem: (error as Error).message,
    };
  }
  try {
    if (reader.closedCleanly()) {
      const index = reader.index();
      const day = index.meta?.day;
      return {
        ...base,
        day: typeof day === 'string' ? day : dayFromName,
        events: index.eventCount,
        firstEventUs: index.firstTs,
        lastEventUs: index.lastTs,
      };
    }
    // No footer: read just the first event (the meta frame comes before it) for the day and start.
    const first = reader.next();
    const day = reader.meta?.day;
    return {
      ...base,
      day: typeof day === 'string' ? day : dayFromName,
      events: null,
      firstEventUs: first?.tsEvent ?? null,
      lastEventUs: null,
    };
  } finally {
    reader.close();
  }
}
