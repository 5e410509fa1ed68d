import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, type AppOptions, type RunningApp } from '../../app.js';
import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../config/logger.js';
import { lastChannelData, say } from '../support/channel.js';

/**
 * Instances of the whole service for scale-out tests: each a real startApp on its own loopback
 * port, all on one database. Talks to them over HTTP as a channel would (expectReplies, so the
 * replies come back in the response).
 */

/** A Tuesday, 10:00 AM in Maryland: every clinic is open. */
export const CLINICS_OPEN = new Date('2026-11-24T15:00:00Z');

export interface Instance {
  app: RunningApp;
  stop(): Promise<void>;
}

export async function startInstance(databaseUrl: string, smtpUrl: string, options: AppOptions = {}): Promise<Instance> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'instance-'));
  const config = { ...loadConfig({ DATABASE_URL: databaseUrl, SMTP_URL: smtpUrl, DATA_DIR: dataDir }), port: 0 };
  const app = await startApp(config, createLogger('silent'), { host: '127.0.0.1', now: () => CLINICS_OPEN, ...options });
  return {
    app,
    async stop() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}


const ANSWERS: Record<string, string> = {
  clinic: 'Bowie',
  name: 'Dana Whitfield',
  phone: '301 555 0187',
  email: 'dana.whitfield@example.com',
  preferredTimes: 'Weekday mornings',
  reason: 'sciatica down my left leg when I sit',
  consent: 'Yes, contact me',
  confirm: 'Send request',
};

/**
 * A visitor asks for an appointment at Bowie and answers every question plainly, turn i going to
 * `ports[i % ports.length]`. Returns the reference the bot gave.
 */
export async function requestAppointment(ports: number[], conversationId: string): Promise<string> {
  let replies = await say(portFor(ports, 0), conversationId, 'I would like to book an appointment in Bowie');
  for (let turn = 1; turn < 20; turn += 1) {
    const data = lastChannelData(replies);
    if (data.appointmentRequest !== undefined) return data.appointmentRequest.id;
    const prompt = data.prompt ?? '';
    const answer = prompt.startsWith('screening') ? 'No' : ANSWERS[prompt];
    if (answer === undefined) throw new Error(`turn ${turn}: the bot did not ask a question of the request (prompt ${JSON.stringify(prompt)})`);
    replies = await say(portFor(ports, turn), conversationId, answer);
  }
  throw new Error('the appointment request did not complete in 20 turns');
}

function portFor(ports: number[], turn: number): number {
  const port = ports[turn % ports.length];
  if (port === undefined) throw new Error('no ports given');
  return port;
}
