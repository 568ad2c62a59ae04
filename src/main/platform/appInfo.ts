import path from 'node:path';
import packageJson from '../../../package.json';

export const APP_VERSION: string = packageJson.version;

/**
 * Where the built files live. The bundle puts every main-side entry (electron.js, cli.js and the
 * worker entries) in out/main, the renderer in out/renderer, the preload in out/preload.
 */
const mainDir = path.basename(__dirname) === 'chunks' ? path.dirname(__dirname) : __dirname;

export const builtPaths = {
  workerDir: mainDir,
  rendererDir: path.join(mainDir, '..', 'renderer'),
  preloadFile: path.join(mainDir, '..', 'preload', 'index.js'),
  resourcesDir: path.join(mainDir, '..', '..', 'resources'),
};
