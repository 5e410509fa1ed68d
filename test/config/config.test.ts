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
    expect(config.sentRetentionDays).to.equal(30);
  });

  it('limits each conversation and each website visitor to what a person never reaches, trusting no proxy header', () => {
    const config = loadConfig({});
    expect(config.rateLimits).to.deep.equal({ conversationPerMinute: 30, clientPerMinute: 60 });
    expect(config.trustProxy).to.equal(false);
  });

  it('turns a rate limit off with 0 and trusts a proxy when told', () => {
    const config = loadConfig({ RATE_LIMIT_CONVERSATION_PER_MINUTE: '0', RATE_LIMIT_CLIENT_PER_MINUTE: '0', TRUST_PROXY: 'true', SENT_RETENTION_DAYS: '7' });
    expect(config.rateLimits).to.deep.equal({ conversationPerMinute: 0, clientPerMinute: 0 });
    expect(config.trustProxy).to.equal(true);
    expect(config.sentRetentionDays).to.equal(7);
  });

  it('has a website chat that runs on its own: clinic name and accessible colour, no embedding sites, built-in Direct Line', () => {
    const { website } = loadConfig({});
    expect(website).to.deep.equal({
      title: 'Forever Fit Physical Therapy',
      accentColor: '#00665e',
      embedOrigins: [],
      tokenSecret: '',
      idleHours: 24,
      maxConversations: 5000,
      maxActivitiesPerConversation: 300,
      azureDirectLine: { secret: '', domain: 'https://directline.botframework.com/v3/directline' },
    });
  });

  it('reads the website settings it is given', () => {
    const { website } = loadConfig({
      SITE_TITLE: 'Forever Fit Bowie',
      SITE_ACCENT_COLOR: '#1A5E7A',
      SITE_EMBED_ORIGINS: 'https://www.foreverfit.example, https://*.foreverfit.example  http://localhost:8080',
      DIRECTLINE_TOKEN_SECRET: 's'.repeat(32),
      WEBCHAT_IDLE_HOURS: '2',
      WEBCHAT_MAX_CONVERSATIONS: '100',
      WEBCHAT_MAX_ACTIVITIES: '50',
      MicrosoftAppId: '00000000-0000-0000-0000-000000000000',
      DIRECTLINE_SECRET: 'azure-secret',
      DIRECTLINE_DOMAIN: 'https://europe.directline.botframework.com/v3/directline/',
    });
    expect(website).to.deep.equal({
      title: 'Forever Fit Bowie',
      accentColor: '#1a5e7a',
      embedOrigins: ['https://www.foreverfit.example', 'https://*.foreverfit.example', 'http://localhost:8080'],
      tokenSecret: 's'.repeat(32),
      idleHours: 2,
      maxConversations: 100,
      maxActivitiesPerConversation: 50,
      azureDirectLine: { secret: 'azure-secret', domain: 'https://europe.directline.botframework.com/v3/directline' },
    });
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
    [{ SITE_ACCENT_COLOR: 'teal' }, /^SITE_ACCENT_COLOR: must be a colour like #00665e/],
    [{ SITE_ACCENT_COLOR: '#ffcc00' }, /^SITE_ACCENT_COLOR: .*contrast at least 4\.5:1/],
    [{ SITE_TITLE: 'x'.repeat(81) }, /^SITE_TITLE: /],
    [{ SITE_EMBED_ORIGINS: 'https://clinic.example/path' }, /^SITE_EMBED_ORIGINS: /],
    [{ SITE_EMBED_ORIGINS: "https://a.example 'unsafe-inline'" }, /^SITE_EMBED_ORIGINS: /],
    [{ DIRECTLINE_TOKEN_SECRET: 'short' }, /^DIRECTLINE_TOKEN_SECRET: .*at least 32 characters/],
    [{ WEBCHAT_IDLE_HOURS: '0' }, /^WEBCHAT_IDLE_HOURS: /],
    [{ WEBCHAT_MAX_CONVERSATIONS: 'many' }, /^WEBCHAT_MAX_CONVERSATIONS: /],
    [{ WEBCHAT_MAX_ACTIVITIES: '5' }, /^WEBCHAT_MAX_ACTIVITIES: /],
    [{ DIRECTLINE_DOMAIN: 'ftp://x' }, /^DIRECTLINE_DOMAIN: /],
    [{ DIRECTLINE_SECRET: 'abc' }, /^DIRECTLINE_SECRET: needs MicrosoftAppId/],
    [{ STATE_TTL_DAYS: 'a month' }, /^STATE_TTL_DAYS: must be a whole number of days from 1 to 3650/],
    [{ STATE_TTL_DAYS: '0' }, /^STATE_TTL_DAYS: /],
    [{ SENT_RETENTION_DAYS: '0' }, /^SENT_RETENTION_DAYS: /],
    [{ RATE_LIMIT_CONVERSATION_PER_MINUTE: '-1' }, /^RATE_LIMIT_CONVERSATION_PER_MINUTE: must be a whole number of requests a minute \(0: no limit\)/],
    [{ RATE_LIMIT_CLIENT_PER_MINUTE: 'lots' }, /^RATE_LIMIT_CLIENT_PER_MINUTE: /],
    [{ TRUST_PROXY: 'maybe' }, /^TRUST_PROXY: must be true or false/],
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
