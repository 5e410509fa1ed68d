import { randomBytes } from 'node:crypto';
import { rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type SendMailOptions, type SMTPTransportOptions } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import type { Mailbox } from './addresses.js';
import { ensureFolder, fsyncFolder, writeSynced } from '../../storage/durableFile.js';
import type { ComposedEmail } from './email.js';
import { singleLine } from './text.js';

/**
 * How composed emails leave the building: over SMTP, or, with SMTP_URL empty, as .eml files in
 * DATA_DIR/outbox-sent/ (the conversation contract's local mode). Nodemailer neither retries nor
 * keeps anything: the outbox and the Sender do that.
 */
export interface MailTransport {
  /** For the start-up log, e.g. "SMTP mail.example.com:587, TLS required". No credentials. */
  readonly description: string;
  /** Resolves once the server accepted the message (or the .eml file is on disk). */
  send(email: ComposedEmail): Promise<SendResult>;
  close(): void;
}

export interface SendResult {
  accepted: string[];
  rejected: string[];
}

export interface MailTransportConfig {
  /** SMTP_URL: `smtp://user:pass@host:587` or `smtps://…`; empty for .eml files. */
  smtpUrl: string;
  /** MAIL_FROM, e.g. "Appointment requests <no-reply@localhost>". */
  mailFrom: string;
  /** DATA_DIR. */
  dataDir: string;
  /** Shorter waits for tests; the defaults suit a real mail server. */
  timeouts?: Partial<SmtpTimeouts>;
}

export interface SmtpTimeouts {
  connectionTimeout: number;
  greetingTimeout: number;
  socketTimeout: number;
  dnsTimeout: number;
}

export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = {
  connectionTimeout: 15_000,
  greetingTimeout: 15_000,
  socketTimeout: 60_000,
  dnsTimeout: 15_000,
};

export function createMailTransport(config: MailTransportConfig): MailTransport {
  const from = parseMailFrom(config.mailFrom);
  if (config.smtpUrl.trim() === '') return new EmlFileTransport(from, path.join(config.dataDir, 'outbox-sent'));
  return new SmtpTransport(from, smtpOptionsFor(config.smtpUrl, config.timeouts));
}

/**
 * Nodemailer options for SMTP_URL. TLS is required toward any host but this machine, because
 * nodemailer otherwise carries on in plain text when a server offers no STARTTLS. Options in the
 * URL's query string cannot switch that, the timeouts, or logging (which would log message bodies).
 */
export function smtpOptionsFor(smtpUrl: string, timeouts: Partial<SmtpTimeouts> = {}): SMTPTransportOptions {
  const url = smtpUrl.trim();
  if (!/^smtps?:\/\//i.test(url)) throw new Error('SMTP_URL must start with smtp:// or smtps://');
  const parsed = parseConnectionUrl(url);
  const host = parsed.host;
  if (typeof host !== 'string' || host === '') throw new Error('SMTP_URL must name a host');
  const loopback = isLoopbackHost(host);
  return {
    ...parsed,
    ...DEFAULT_SMTP_TIMEOUTS,
    ...timeouts,
    requireTLS: !loopback,
    opportunisticTLS: false,
    ignoreTLS: false,
    logger: false,
    debug: false,
    transactionLog: false,
  };
}

/** 127.0.0.0/8, ::1 and localhost: the only hosts mail may go to without TLS. */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (name === 'localhost') return true;
  if (name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  const v4 = name.replace(/^::ffff:/, '');
  const octets = v4.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255);
}

/** MAIL_FROM as one mailbox; anything else (lists, groups, no address) is a configuration error. */
export function parseMailFrom(mailFrom: string): Mailbox {
  if (/[\u0000-\u001F\u007F]/.test(mailFrom)) throw new Error('MAIL_FROM must not contain control characters');
  const parsed = addressparser(mailFrom);
  const only = parsed.length === 1 ? parsed[0] : undefined;
  const address = only !== undefined && 'address' in only ? only.address : undefined;
  if (only === undefined || 'group' in only || typeof address !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(address)) {
    throw new Error('MAIL_FROM must be one address, e.g. "Appointment requests <no-reply@clinic.example>"');
  }
  return { name: only.name, address };
}

/** Nodemailer message options: the envelope is set explicitly, so no header can add a recipient. */
function messageOptions(from: Mailbox, email: ComposedEmail): SendMailOptions {
  return {
    from,
    to: email.to,
    replyTo: email.replyTo,
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: email.messageId,
    headers: email.headers,
    envelope: { from: from.address, to: [email.to.address] },
    attachments: email.attachments?.map((attachment) => ({
      filename: attachment.filename,
      content: attachment.content,
      contentType: 'text/plain; charset=utf-8',
    })),
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

class SmtpTransport implements MailTransport {
  readonly description: string;
  private readonly transporter;

  constructor(
    private readonly from: Mailbox,
    readonly options: SMTPTransportOptions,
  ) {
    this.transporter = nodemailer.createTransport(options);
    const scheme = options.secure === true ? 'smtps' : 'smtp';
    const tls = options.secure === true ? 'TLS' : options.requireTLS === true ? 'STARTTLS required' : 'loopback, TLS optional';
    this.description = `SMTP ${scheme}://${options.host ?? '?'}:${options.port ?? 'default port'} (${tls})`;
  }

  async send(email: ComposedEmail): Promise<SendResult> {
    const info = await this.transporter.sendMail(messageOptions(this.from, email));
    return { accepted: addressList(info.accepted), rejected: addressList(info.rejected) };
  }

  close(): void {
    this.transporter.close();
  }
}

/** Local mode: each message becomes DATA_DIR/outbox-sent/<reference>.<kind>.eml, written atomically. */
class EmlFileTransport implements MailTransport {
  readonly description: string;
  private readonly transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(
    private readonly from: Mailbox,
    private readonly folder: string,
  ) {
    this.description = `.eml files in ${folder}`;
  }

  async send(email: ComposedEmail): Promise<SendResult> {
    const info = await this.transporter.sendMail(messageOptions(this.from, email));
    if (!Buffer.isBuffer(info.message)) throw new Error('stream transport returned no message buffer');
    await ensureFolder(this.folder);
    const name = emlFileName(email.messageId);
    const temporary = path.join(this.folder, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeSynced(temporary, info.message);
      // A resend of the same message replaces its own file: no duplicate on disk.
      await rename(temporary, path.join(this.folder, name));
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    await fsyncFolder(this.folder);
    return { accepted: [email.to.address], rejected: [] };
  }

  close(): void {
    this.transporter.close();
  }
}

function emlFileName(messageId: string): string {
  const local = singleLine(messageId).replace(/^</, '').replace(/>$/, '').split('@')[0] ?? 'message';
  return `${local.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 150) || 'message'}.eml`;
}

function addressList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry: unknown) =>
    typeof entry === 'string' ? entry : typeof entry === 'object' && entry !== null && 'address' in entry ? String(entry.address) : String(entry),
  );
}
