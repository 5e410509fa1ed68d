import { ConfigError, loadConfig, loadDotEnv } from './config/config.js';
import { createLogger } from './config/logger.js';
import { startApp } from './app.js';

/** Starts the service: configuration, then the app; stops gracefully on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  loadDotEnv();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);

  let app;
  try {
    app = await startApp(config, log);
  } catch (error) {
    // Data files (knowledge base, clinics) name the file and field in their one-line message.
    console.error(`Cannot start: ${(error as Error).message}`);
    process.exit(1);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: finishing turns and deliveries in flight');
    await app.close();
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

void main();
