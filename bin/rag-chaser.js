#!/usr/bin/env node
'use strict';
// Runs the compiled CLI (npm ci builds it through the "prepare" script).
const { main } = require('../dist/cli/main.js');
main(process.argv.slice(2)).then((code) => process.exit(code));
