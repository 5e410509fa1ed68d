/**
 * Child process for the crash test (not a test itself): enqueues one request into DATA_DIR,
 * prints "queued", and then waits to be killed. With an SMTP port it also starts a Sender, so it
 * can be killed in the middle of a send.
 *
 *   node crashChild.js <dataDir> <request JSON> [smtpPort]
 */
import { FileSpool } from '../../scheduling/delivery/fileSpool.js';
import type { DeliveryLogger } from '../../scheduling/delivery/log.js';
import { createMailTransport } from '../../scheduling/delivery/mailTransport.js';
import { Sender } from '../../scheduling/delivery/sender.js';
import { bowie, FOLLOW_UP } from './fixtures.js';

const [dataDir, requestJson, smtpPort] = process.argv.slice(2);
if (dataDir === undefined || requestJson === undefined) throw new Error('usage: crashChild.js <dataDir> <request JSON> [smtpPort]');

const quiet: DeliveryLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const spool = await FileSpool.open({ dataDir, logger: quiet });
await spool.enqueue(JSON.parse(requestJson), { clinic: bowie, followUp: FOLLOW_UP });
if (smtpPort !== undefined) {
  const transport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, mailFrom: 'Appointment requests <no-reply@bot.example>', dataDir });
  new Sender({ outbox: spool, transport, logger: quiet }).start();
}
process.stdout.write('queued\n');
setInterval(() => undefined, 60_000); // stay alive until killed
