import { expect } from 'chai';
import { startTestSite, type TestSite } from './harness.js';

const FOREIGN = 'https://attacker.example';

/** Every route a browser on another site might call: none may let that site read the answer. */
const ROUTES: Array<[string, string, Record<string, string>]> = [
  ['OPTIONS', '/api/directline/token', { 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' }],
  ['OPTIONS', '/directline/conversations', { 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' }],
  ['OPTIONS', '/api/messages', { 'Access-Control-Request-Method': 'POST' }],
  ['POST', '/api/directline/token', {}],
  ['GET', '/', {}],
  ['GET', '/embed.js', {}],
  ['GET', '/healthz', {}],
  ['GET', '/illustrations/bridge-exercise.svg', {}],
  ['POST', '/api/messages', {}],
];

function describeCors(embedOrigins: string): void {
  describe(`CORS with SITE_EMBED_ORIGINS=${JSON.stringify(embedOrigins)}`, () => {
    let site: TestSite;
    before(async () => {
      site = await startTestSite({ env: { SITE_EMBED_ORIGINS: embedOrigins } });
    });
    after(async () => site.close());

    for (const origin of [FOREIGN, ...(embedOrigins ? [embedOrigins] : [])]) {
      it(`sends no Access-Control-Allow-Origin to ${origin} on any route (the embed snippet frames the chat; it never calls across origins)`, async () => {
        for (const [method, route, headers] of ROUTES) {
          const response = await fetch(`${site.url}${route}`, { method, headers: { Origin: origin, ...headers } });
          expect(response.status, `${method} ${route}`).to.be.below(500);
          expect(response.headers.get('access-control-allow-origin'), `${method} ${route}`).to.equal(null);
          expect(response.headers.get('access-control-allow-credentials'), `${method} ${route}`).to.equal(null);
          expect(response.headers.get('x-content-type-options'), `${method} ${route}`).to.equal('nosniff');
        }
      });
    }
  });
}

describeCors('');
describeCors('https://www.foreverfit.example');

describe('security headers of the chat page', () => {
  it('without embedding sites: CSP, nosniff, no referrer, and framing by this service only (frame-ancestors and X-Frame-Options)', async () => {
    const site = await startTestSite();
    try {
      for (const page of ['/', '/?embed=1']) {
        const response = await fetch(`${site.url}${page}`);
        const csp = response.headers.get('content-security-policy') ?? '';
        expect(csp, page).to.include("default-src 'none'").and.include("script-src 'self';").and.include("base-uri 'none'").and.include("form-action 'none'");
        expect(csp, page).to.match(/frame-ancestors 'self';/);
        expect(response.headers.get('x-frame-options'), page).to.equal('SAMEORIGIN');
        expect(response.headers.get('x-content-type-options'), page).to.equal('nosniff');
        expect(response.headers.get('referrer-policy'), page).to.equal('no-referrer');
        expect(response.headers.get('permissions-policy'), page).to.include('camera=()');
      }
    } finally {
      await site.close();
    }
  });

  it('with embedding sites: frame-ancestors names exactly them, and no X-Frame-Options (it would forbid them)', async () => {
    const site = await startTestSite({ env: { SITE_EMBED_ORIGINS: 'https://www.foreverfit.example' } });
    try {
      const response = await fetch(`${site.url}/?embed=1`);
      expect(response.headers.get('content-security-policy')).to.include("frame-ancestors 'self' https://www.foreverfit.example;");
      expect(response.headers.get('x-frame-options')).to.equal(null);
    } finally {
      await site.close();
    }
  });
});
