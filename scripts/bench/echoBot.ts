import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage } from 'botbuilder';
import restify from 'restify';

/**
 * The yardstick of `npm run bench`: the smallest bot on the service's stack (botbuilder
 * CloudAdapter in local mode on restify 11, conversation state in MemoryStorage) that echoes
 * each message. Same body parser, same awaited adapter.process, same reply path as the service:
 * whatever the clinic bot costs beyond this is its own work.
 */
export async function startEchoBot(host: string): Promise<{ port: number; close(): Promise<void> }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const conversationState = new ConversationState(new MemoryStorage());
  const turns = conversationState.createProperty<number>('turns');

  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    const count = (await turns.get(context, 0)) + 1;
    await turns.set(context, count);
    await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
    await next();
  });
  const run = async (context: Parameters<ActivityHandler['run']>[0]) => {
    await bot.run(context);
    await conversationState.saveChanges(context, false);
  };

  const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false, mapFiles: false }));
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    await adapter.process(req, res, run);
  });
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
