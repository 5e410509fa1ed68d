import type restify from 'restify';
import { isLoopbackRequest } from '../../server/loopback.js';
import type { ChannelActivity } from './activities.js';
import type { DirectLineChannel } from './channel.js';

/**
 * The part of the Bot Connector API the bot uses to answer website visitors: the website's
 * activities name this service itself (on loopback) as their `serviceUrl`, so botbuilder posts
 * its replies here, to `POST /v3/conversations/:id/activities[/:replyToId]`.
 *
 * Nobody else may post here: it has no authentication of its own, so it answers loopback
 * callers only (and not requests relayed by a proxy).
 */
export function mountConnectorRoutes(server: restify.Server, channel: DirectLineChannel): void {
  const handler = async (req: restify.Request, res: restify.Response) => {
    if (!isLoopbackRequest(req)) {
      res.send(403, { error: { code: 'Forbidden', message: 'This endpoint only answers the bot on this machine.' } });
      return;
    }
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'string') {
      res.send(400, { error: { code: 'BadArgument', message: 'The body must be an activity with a type.' } });
      return;
    }
    const replyToId = req.params?.replyToId === undefined ? undefined : String(req.params.replyToId);
    const accepted = channel.fromBot(String(req.params?.conversationId ?? ''), body as ChannelActivity, replyToId);
    if (!accepted.ok) {
      res.send(accepted.status, { error: { code: 'NotFound', message: accepted.reason } });
      return;
    }
    res.send(200, { id: accepted.id });
  };
  server.post('/v3/conversations/:conversationId/activities', handler);
  server.post('/v3/conversations/:conversationId/activities/:replyToId', handler);
}
