/**
 * The server's entry point (`npm start`; App Service runs `node dist/main.js`). Telemetry starts first,
 * then the server is loaded: OpenTelemetry's instrumentations patch pino, fetch and http as they are
 * required, so nothing that logs or calls out may be imported above this line.
 */
import { loadConfig } from './config';
import { startTelemetry } from './telemetry';

const config = loadConfig();
const telemetry = startTelemetry(config);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runServer } = require('./server') as typeof import('./server');
runServer(config, telemetry);
