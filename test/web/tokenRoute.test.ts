import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import restify from 'restify';
import { createLogger } from '../../config/logger.js';
import { azureTokenSource, mountTokenRoute, TOKEN_PATH } from '../../web/tokenRoute.js';

/**
 * With DIRECTLINE_SECRET set, the page's token comes from Azure's Direct Line. Azure cannot be
 * reached from here: a stand-in on loopback answers `tokens/generate` as Azure documents it, so
 * this checks our side of the exchange only.
 */
describe('page token from Azure Direct Line (DIRECTLINE_SECRET)', () => {
  let azure: Server;
  let azureDomain: string;
  let answer: { status: number; body: unknown } = { status: 200, body: {} };
  const received: Array<{ authorization: string | undefined; body: unknown; path: string | undefined }> = [];

  before(async () => {
    azure = createServer(async (req: IncomingMessage, res) => {
      let raw = '';
      for await (const chunk of req) raw += String(chunk);
      received.push({ authorization: req.headers.authorization, body: JSON.parse(raw || 'null'), path: req.url });
      res.writeHead(answer.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => azure.listen(0, '127.0.0.1', resolve));
    const address = azure.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    azureDomain = `http://127.0.0.1:${address.port}/v3/directline`;
  });
  after(() => new Promise<void>((resolve) => azure.close(() => resolve())));

  it('exchanges the secret server-side for a token bound to a new conversation and a user id we chose', async () => {
    answer = { status: 200, body: { conversationId: 'azure-conv', token: 'azure-token', expires_in: 1800 } };
    const token = await azureTokenSource({ secret: 'the-secret', domain: azureDomain })();
    expect(token).to.deep.equal({ conversationId: 'azure-conv', token: 'azure-token', expires_in: 1800, domain: azureDomain });
    const request = received.at(-1);
    expect(request?.path).to.equal('/v3/directline/tokens/generate');
    expect(request?.authorization).to.equal('Bearer the-secret');
    expect((request?.body as { user: { id: string } }).user.id).to.match(/^dl_[\w-]{16}$/);
    expect(JSON.stringify(token)).not.to.include('the-secret');
  });

  it('the page gets 502, never the secret, when Azure refuses', async () => {
    answer = { status: 403, body: { error: { code: 'BadArgument' } } };
    const server = restify.createServer();
    server.use(restify.plugins.bodyParser({ mapParams: false }));
    mountTokenRoute(server, azureTokenSource({ secret: 'the-secret', domain: azureDomain }), createLogger('silent'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const address = server.address();
      const response = await fetch(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${TOKEN_PATH}`, { method: 'POST' });
      expect(response.status).to.equal(502);
      expect(response.headers.get('cache-control')).to.equal('no-store');
      expect(await response.text()).not.to.include('the-secret');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('refuses an answer without a token', async () => {
    answer = { status: 200, body: { conversationId: 'x' } };
    let error: Error | undefined;
    await azureTokenSource({ secret: 's', domain: azureDomain })().catch((e: Error) => (error = e));
    expect(error?.name).to.equal('AzureTokenError');
  });
});
