#!/usr/bin/env node
'use strict';
// `npm start`: open the desktop app; where Electron's binary is missing (its download is impossible
// on some machines), say so in one line and start browser mode instead.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
if (!fs.existsSync(path.join(root, 'out', 'main', 'electron.js'))) {
  const build = spawnSync(
    process.execPath,
    [require.resolve('electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const electronDir = path.dirname(require.resolve('electron/package.json'));

function installedBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

/**
 * Electron fetches its binary on first use. Where that cannot work (ELECTRON_SKIP_BINARY_DOWNLOAD, no
 * internet) we return why, in one line, and fall back to browser mode.
 */
function electronBinary() {
  const existing = installedBinary();
  if (existing) return { binary: existing };
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return { reason: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set' };
  const download = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  const binary = installedBinary();
  if (binary) return { binary };
  const detail =
    `${download.stderr || ''}${download.stdout || ''}`.split('\n').find((line) => line.trim()) || 'no detail';
  return { reason: `its download failed: ${detail.trim().slice(0, 120)}` };
}

/**
 * better-sqlite3 as installed is built for Node's ABI; Electron needs its own build. Fetch the
 * prebuilt addon for this Electron version (or compile it) once, into out/native, where the ledger
 * worker looks for it (src/main/ledger/nativeBinding.ts).
 */
function ensureElectronSqlite(binary) {
  const version = spawnSync(binary, ['--version'], {
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  })
    .stdout.trim()
    .replace(/^v/, '');
  if (!version) return;
  const target = path.join(root, 'out', 'native', `electron-${version}`, 'better_sqlite3.node');
  if (fs.existsSync(target)) return;
  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  const work = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'scalpdesk-sqlite-'));
  fs.cpSync(source, work, {
    recursive: true,
    filter: (file) => !file.includes(`${path.sep}build${path.sep}`),
  });
  console.log(`Preparing SQLite for Electron ${version} (one time)…`);
  const prebuilt = spawnSync(
    process.execPath,
    [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', version],
    { cwd: work, stdio: 'inherit' },
  );
  if (prebuilt.status !== 0) {
    spawnSync(
      process.execPath,
      [
        require.resolve('node-gyp/bin/node-gyp.js'),
        'rebuild',
        '--release',
        `--target=${version}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      { cwd: work, stdio: 'inherit' },
    );
  }
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  if (fs.existsSync(built)) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(built, target);
  } else {
    console.error('Could not build SQLite for Electron; the ledger will report the error in the app.');
  }
  fs.rmSync(work, { recursive: true, force: true });
}

const passThrough = process.argv.slice(2);
const electron = process.env.SCALPDESK_BROWSER_MODE
  ? { reason: 'SCALPDESK_BROWSER_MODE is set' }
  : electronBinary();
let child;
if (electron.binary) {
  ensureElectronSqlite(electron.binary);
  child = spawn(electron.binary, [root, ...passThrough], { stdio: 'inherit' });
} else {
  console.log(`Electron binary not available (${electron.reason}): starting browser mode instead.`);
  child = spawn(process.execPath, [path.join(root, 'bin', 'scalpdesk.cjs'), 'serve', ...passThrough], {
    stdio: 'inherit',
  });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
