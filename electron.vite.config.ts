import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/**
 * One build for every host: out/main holds the Electron entry, the CLI (`scalpdesk`, which runs the
 * same workstation headless) and the two worker entries; out/preload the sandboxed preload (CJS, as
 * sandboxed preloads require); out/renderer the React app every window loads.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          electron: resolve(__dirname, 'src/main/hosts/electron.ts'),
          cli: resolve(__dirname, 'src/main/cli/entry.ts'),
          coreWorker: resolve(__dirname, 'src/main/coreWorker/coreWorker.ts'),
          ledgerWorker: resolve(__dirname, 'src/main/ledger/ledgerWorker.ts'),
          sweepWorker: resolve(__dirname, 'src/main/backtest/sweep/sweepWorker.ts'),
          evaluateWorker: resolve(__dirname, 'src/main/backtest/evaluate/evaluateWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rolldownOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
