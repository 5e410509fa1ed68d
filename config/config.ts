import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_CLINICS_FILE } from '../scheduling/clinics.js';
import { MIN_TEXT_CONTRAST, WHITE, contrastRatio, normalizeHexColour, parseHexColour } from '../web/site/colour.js';

/**
 * The service's configuration, read from the environment (and `.env`, see loadDotEnv) and
 * validated in one place. Every variable is documented in .env.example and in the README.
 * A bad value stops the start with one line naming the variable and the problem.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const text = (fallback: string) => z.string().trim().default(fallback);

const wholeNumber = (fallback: number, min: number, max: number, unit: string) =>
  z
    .string()
    .trim()
    .default(String(fallback))
    .refine((value) => /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max, `must be ${unit} from ${min} to ${max}`)
    .transform(Number);

const port = wholeNumber(3978, 1, 65535, 'a port number');
const positiveDays = (fallback: number) => wholeNumber(fallback, 1, 3650, 'a whole number of days');
const perMinute = (fallback: number) => wholeNumber(fallback, 0, 1_000_000, 'a whole number of requests a minute (0: no limit)');

const yesNo = (fallback: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .default(String(fallback))
    .refine((value) => ['true', 'false', '1', '0', 'yes', 'no'].includes(value), 'must be true or false')
    .transform((value) => ['true', '1', 'yes'].includes(value));

const optionalUrl = (protocols: readonly string[], example: string) =>
  z
    .string()
    .trim()
    .default('')
    .refine((value) => {
      if (value === '') return true;
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, `must be empty or a URL like ${example}`);

/** Browser origins allowed to embed the chat (CSP frame-ancestors): `https://host[:port]`, a `*.` subdomain wildcard allowed. */
const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/i;

const emailAddress = /^[^\s@<>(),;:"\[\]\\]+@[^\s@<>(),;:"\[\]\\]+\.[^\s@<>(),;:"\[\]\\]+$/;

const envSchema = z.object({
  PORT: port,
  MicrosoftAppType: z
    .string()
    .trim()
    .default('')
    .refine((value) => ['', 'MultiTenant', 'SingleTenant', 'UserAssignedMSI'].includes(value), 'must be empty, MultiTenant, SingleTenant or UserAssignedMSI'),
  MicrosoftAppId: text(''),
  MicrosoftAppPassword: text(''),
  MicrosoftAppTenantId: text(''),
  CLINICS_FILE: text('').refine((value) => value === '' || existsSync(value), 'no such file'),
  SMTP_URL: optionalUrl(['smtp:', 'smtps:'], 'smtp://user:pass@mail.example.com:587 or smtps://…'),
  MAIL_FROM: text('Appointment requests <no-reply@localhost>').refine((value) => value.length > 0, 'must not be empty'),
  ALERT_EMAIL: text('').refine((value) => value === '' || emailAddress.test(value), 'must be empty or one email address'),
  DATA_DIR: text('./data').refine((value) => value.length > 0, 'must not be empty'),
  DATABASE_URL: optionalUrl(['postgres:', 'postgresql:'], 'postgres://user:pass@127.0.0.1:5432/dbname'),
  LOG_LEVEL: z
    .string()
    .trim()
    .default('info')
    .refine((value): value is (typeof LOG_LEVELS)[number] => (LOG_LEVELS as readonly string[]).includes(value), `must be one of ${LOG_LEVELS.join(', ')}`),
  PUBLIC_URL: optionalUrl(['http:', 'https:'], 'https://chat.example.com'),
  INSIGHTS_RETENTION_DAYS: positiveDays(90),
  SITE_TITLE: text('Forever Fit Physical Therapy').refine((value) => value.length <= 80 && !/[\u0000-\u001f<>]/.test(value), 'must be at most 80 characters, without < > or control characters'),
  SITE_ACCENT_COLOR: text('#00665e').refine((value) => {
    const rgb = parseHexColour(value);
    return rgb !== undefined && contrastRatio(rgb, WHITE) >= MIN_TEXT_CONTRAST;
  }, `must be a colour like #00665e dark enough for white text on it (contrast at least ${MIN_TEXT_CONTRAST}:1)`),
  SITE_EMBED_ORIGINS: text('').refine(
    (value) => listOf(value).every((origin) => ORIGIN.test(origin)),
    'must be empty or origins separated by spaces or commas, like https://www.clinic.example',
  ),
  DIRECTLINE_TOKEN_SECRET: text('').refine((value) => value === '' || value.length >= 32, 'must be empty (a secret is generated under DATA_DIR) or at least 32 characters'),
  WEBCHAT_IDLE_HOURS: wholeNumber(24, 1, 720, 'a whole number of hours'),
  WEBCHAT_MAX_CONVERSATIONS: wholeNumber(5000, 10, 1_000_000, 'a whole number'),
  WEBCHAT_MAX_ACTIVITIES: wholeNumber(300, 20, 10_000, 'a whole number'),
  DIRECTLINE_SECRET: text(''),
  DIRECTLINE_DOMAIN: optionalUrl(['https:', 'http:'], 'https://directline.botframework.com/v3/directline'),
  STATE_TTL_DAYS: positiveDays(30),
  SENT_RETENTION_DAYS: positiveDays(30),
  RATE_LIMIT_CONVERSATION_PER_MINUTE: perMinute(30),
  RATE_LIMIT_CLIENT_PER_MINUTE: perMinute(60),
  TRUST_PROXY: yesNo(false),
});

/** The names of every variable the service reads (each one is documented in .env.example). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface AppConfig {
  port: number;
  /** Bot Framework credentials; `appId` empty means local mode (no channel authentication). */
  microsoftApp: { type: string; id: string; password: string; tenantId: string };
  clinicsFile: string;
  smtpUrl: string;
  mailFrom: string;
  /** Fallback inbox told about requests that could not be delivered; empty: logged only. */
  alertEmail: string;
  dataDir: string;
  databaseUrl: string;
  logLevel: LogLevel;
  /** Base URL at which visitors' browsers reach this service (for card images). */
  publicUrl: string;
  insightsRetentionDays: number;
  /** A conversation idle this long is forgotten (its state may hold an unfinished request). */
  stateTtlDays: number;
  /** Delivered appointment messages (staff notification, confirmation) are kept this long in the outbox. */
  sentRetentionDays: number;
  rateLimits: RateLimitConfig;
  /** Behind a reverse proxy: a client's address is the last one in X-Forwarded-For. */
  trustProxy: boolean;
  /** The website chat (web/). */
  website: WebsiteConfig;
}

/** Requests a minute, as a bucket that also allows that many at once; 0 turns a limit off. */
export interface RateLimitConfig {
  /** Per conversation, on /api/messages and on the website's Direct Line. */
  conversationPerMinute: number;
  /** Per client address, on the website's token and Direct Line routes (visitors' browsers). */
  clientPerMinute: number;
}

export interface WebsiteConfig {
  /** The clinic's name, shown on the chat page and the launcher's panel. */
  title: string;
  /** `#rrggbb`, checked to carry white text at 4.5:1 or better. */
  accentColor: string;
  /** Origins of the clinic sites allowed to embed the chat; empty: only this service itself. */
  embedOrigins: string[];
  /** HMAC secret of the website's Direct Line tokens; empty: generated and kept in DATA_DIR. */
  tokenSecret: string;
  /** A website conversation nobody used for this long is forgotten. */
  idleHours: number;
  maxConversations: number;
  maxActivitiesPerConversation: number;
  /** Azure Bot Service's Direct Line: with a secret, the page gets its token from Azure instead of the built-in endpoint. */
  azureDirectLine: { secret: string; domain: string };
}

export const DEFAULT_DIRECTLINE_DOMAIN = 'https://directline.botframework.com/v3/directline';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export { DEFAULT_CLINICS_FILE };

/** Validates the environment; throws a ConfigError whose message is one line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty value (`PORT=` copied from .env.example) means "use the default".
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const result = envSchema.safeParse(given);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = String(issue?.path[0] ?? 'configuration');
    const value = env[variable];
    const shown = value === undefined ? '' : ` (got ${JSON.stringify(value.length > 60 ? value.slice(0, 60) + '…' : value)})`;
    throw new ConfigError(`${variable}: ${issue?.message ?? 'invalid'}${shown}`);
  }
  const e = result.data;
  if (e.DIRECTLINE_SECRET !== '' && e.MicrosoftAppId === '') {
    throw new ConfigError('DIRECTLINE_SECRET: needs MicrosoftAppId (Azure Direct Line only reaches a bot with Bot Framework credentials)');
  }
  const dataDir = path.resolve(e.DATA_DIR);
  if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) throw new ConfigError(`DATA_DIR: ${dataDir} exists and is not a folder`);
  return {
    port: e.PORT,
    microsoftApp: { type: e.MicrosoftAppType, id: e.MicrosoftAppId, password: e.MicrosoftAppPassword, tenantId: e.MicrosoftAppTenantId },
    clinicsFile: e.CLINICS_FILE === '' ? DEFAULT_CLINICS_FILE : path.resolve(e.CLINICS_FILE),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    alertEmail: e.ALERT_EMAIL,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    publicUrl: (e.PUBLIC_URL === '' ? `http://localhost:${e.PORT}` : e.PUBLIC_URL).replace(/\/+$/, ''),
    insightsRetentionDays: e.INSIGHTS_RETENTION_DAYS,
    stateTtlDays: e.STATE_TTL_DAYS,
    sentRetentionDays: e.SENT_RETENTION_DAYS,
    rateLimits: { conversationPerMinute: e.RATE_LIMIT_CONVERSATION_PER_MINUTE, clientPerMinute: e.RATE_LIMIT_CLIENT_PER_MINUTE },
    trustProxy: e.TRUST_PROXY,
    website: {
      title: e.SITE_TITLE,
      accentColor: normalizeHexColour(e.SITE_ACCENT_COLOR) ?? e.SITE_ACCENT_COLOR,
      embedOrigins: listOf(e.SITE_EMBED_ORIGINS).map((origin) => origin.toLowerCase()),
      tokenSecret: e.DIRECTLINE_TOKEN_SECRET,
      idleHours: e.WEBCHAT_IDLE_HOURS,
      maxConversations: e.WEBCHAT_MAX_CONVERSATIONS,
      maxActivitiesPerConversation: e.WEBCHAT_MAX_ACTIVITIES,
      azureDirectLine: { secret: e.DIRECTLINE_SECRET, domain: (e.DIRECTLINE_DOMAIN || DEFAULT_DIRECTLINE_DOMAIN).replace(/\/+$/, '') },
    },
  };
}

function listOf(value: string): string[] {
  return value.split(/[\s,]+/).filter((item) => item !== '');
}

/** Reads `.env` from the working folder into process.env without overriding what is already set. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
