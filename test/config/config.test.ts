import { expect } from 'chai';
import { ConfigError, DEFAULT_CLINICS_FILE, loadConfig } from '../../config/config.js';

describe('loadConfig', () => {
  it('runs on embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).to.equal(3978);
    expect(config.microsoftApp.id).to.equal('');
    expect(config.clinicsFile).to.equal(DEFAULT_CLINICS_FILE);
    expect(config.smtpUrl).to.equal('');
    expect(config.mailFrom).to.equal('Appointment requests <no-reply@localhost>');
    expect(config.databaseUrl).to.equal('');
    expect(config.logLevel).to.equal('info');
    expect(config.dataDir).to.match(/\/data$/);
    expect(config.publicUrl).to.equal('http://localhost:3978');
    expect(config.stateTtlDays).to.equal(30);
    expect(config.insightsRetentionDays).to.equal(90);
  });

  it('treats an empty value as "use the default"', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: ' ' }).port).to.equal(3978);
  });

  it('reads the values it is given', () => {
    const config = loadConfig({
      PORT: '8080',
      SMTP_URL: 'smtps://user:pw@mail.example.com:465',
      DATABASE_URL: 'postgres://127.0.0.1:5432/test',
      LOG_LEVEL: 'warn',
      PUBLIC_URL: 'https://chat.example.com/',
      STATE_TTL_DAYS: '7',
    });
    expect(config.port).to.equal(8080);
    expect(config.smtpUrl).to.equal('smtps://user:pw@mail.example.com:465');
    expect(config.databaseUrl).to.equal('postgres://127.0.0.1:5432/test');
    expect(config.logLevel).to.equal('warn');
    expect(config.publicUrl).to.equal('https://chat.example.com');
    expect(config.stateTtlDays).to.equal(7);
  });

  const bad: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: 'eighty' }, /^PORT: must be a port number from 1 to 65535 \(got "eighty"\)$/],
    [{ PORT: '70000' }, /^PORT: /],
    [{ SMTP_URL: 'mail.example.com' }, /^SMTP_URL: must be empty or a URL like smtp:/],
    [{ SMTP_URL: 'http://mail.example.com' }, /^SMTP_URL: /],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL: /],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: must be one of fatal, error/],
    [{ CLINICS_FILE: '/nonexistent/clinics.json' }, /^CLINICS_FILE: no such file/],
    [{ MicrosoftAppType: 'Cloud' }, /^MicrosoftAppType: /],
    [{ ALERT_EMAIL: 'a@x.com, b@y.com' }, /^ALERT_EMAIL: must be empty or one email address/],
    [{ INSIGHTS_RETENTION_DAYS: '0' }, /^INSIGHTS_RETENTION_DAYS: /],
    [{ STATE_TTL_DAYS: 'a month' }, /^STATE_TTL_DAYS: must be a whole number of days from 1 to 3650/],
    [{ STATE_TTL_DAYS: '0' }, /^STATE_TTL_DAYS: /],
  ];
  for (const [env, message] of bad) {
    it(`stops with one line naming the variable for ${JSON.stringify(env)}`, () => {
      expect(() => loadConfig(env)).to.throw(ConfigError, message);
      try {
        loadConfig(env);
      } catch (error) {
        expect((error as Error).message).not.to.include('\n');
      }
    });
  }
});
