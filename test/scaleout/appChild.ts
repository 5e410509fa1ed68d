/**
 * Child process for the scale-out crash test (not a test itself): one instance of the service,
 * configured from the environment (DATABASE_URL, SMTP_URL, DATA_DIR) with the outbox lease given
 * as TEST_OUTBOX_LEASE_MS. Prints "listening <port>" and runs until killed.
 */
import { startApp } from '../../app.js';
import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../config/logger.js';
import { CLINICS_OPEN } from './instances.js';

const app = await startApp({ ...loadConfig(process.env), port: 0 }, createLogger('silent'), {
  host: '127.0.0.1',
  now: () => CLINICS_OPEN,
  outboxLeaseMs: Number(process.env.TEST_OUTBOX_LEASE_MS ?? 60_000),
});
process.stdout.write(`listening ${app.port}\n`);
