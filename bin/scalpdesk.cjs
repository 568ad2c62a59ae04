#!/usr/bin/env node
'use strict';
// Loads the built CLI. The build runs on `npm install` (the `prepare` script); if it is missing,
// say how to make it rather than failing with a module-not-found trace.
const path = require('node:path');
const fs = require('node:fs');

const entry = path.join(__dirname, '..', 'out', 'main', 'cli.js');
if (!fs.existsSync(entry)) {
  process.stderr.write(
    'scalpdesk: the app is not built yet; run `npm run build` in ' + path.dirname(__dirname) + '\n',
  );
  process.exit(1);
}
require(entry);
