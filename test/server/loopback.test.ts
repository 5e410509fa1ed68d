import { expect } from 'chai';
import type { IncomingMessage } from 'node:http';
import { isLoopbackAddress, isLoopbackRequest, isLoopbackUrl } from '../../server/loopback.js';

function request(remoteAddress: string, headers: Record<string, string> = {}): IncomingMessage {
  return { socket: { remoteAddress }, headers } as unknown as IncomingMessage;
}

describe('isLoopbackAddress', () => {
  it('knows IPv4 and IPv6 loopback, also IPv4-mapped', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address), address).to.equal(true);
  });

  it('refuses every other address', () => {
    for (const address of ['10.0.0.5', '192.168.1.10', '::ffff:10.0.0.5', 'fe80::1', '0.0.0.0', '128.0.0.1', '', undefined]) {
      expect(isLoopbackAddress(address), String(address)).to.equal(false);
    }
  });
});

describe('isLoopbackRequest', () => {
  it('accepts a direct request from this machine', () => {
    expect(isLoopbackRequest(request('127.0.0.1'))).to.equal(true);
  });

  it('refuses a request a local reverse proxy relayed (it looks local but is not)', () => {
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      expect(isLoopbackRequest(request('127.0.0.1', { [header]: '203.0.113.9' })), header).to.equal(false);
    }
  });

  it('refuses a request from elsewhere', () => {
    expect(isLoopbackRequest(request('192.168.1.10'))).to.equal(false);
  });
});

describe('isLoopbackUrl', () => {
  it('accepts URLs naming this machine', () => {
    for (const url of ['http://localhost:3978', 'http://127.0.0.1:1/', 'https://127.5.6.7', 'http://[::1]:8080/x']) expect(isLoopbackUrl(url), url).to.equal(true);
  });

  it('refuses every other host, including look-alikes', () => {
    for (const url of ['https://smba.trafficmanager.net/amer/', 'http://10.0.0.5', 'http://localhost.evil.example', 'http://127.0.0.1.evil.example', 'http://0.0.0.0', 'http://[::ffff:10.0.0.1]', 'file:///etc/passwd', 'not a url']) {
      expect(isLoopbackUrl(url), url).to.equal(false);
    }
  });
});
