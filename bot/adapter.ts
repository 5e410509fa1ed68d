import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { AppConfig } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import { hashConversationId } from '../config/logger.js';

/** Checks channels' tokens (and gets the bot's own); with MicrosoftAppId empty it accepts anyone. */
export function createAuthentication(config: AppConfig): ConfigurationBotFrameworkAuthentication {
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.microsoftApp.id,
    MicrosoftAppPassword: config.microsoftApp.password,
    MicrosoftAppType: config.microsoftApp.type,
    MicrosoftAppTenantId: config.microsoftApp.tenantId,
  });
}

/**
 * The Bot Framework adapter. With MicrosoftAppId empty it runs in local mode (no channel
 * authentication, as the Emulator expects); with credentials every request needs a valid token.
 */
export function createAdapter(
  config: AppConfig,
  log: Logger,
  apologize: (context: TurnContext) => Promise<void>,
  auth: ConfigurationBotFrameworkAuthentication = createAuthentication(config),
): CloudAdapter {
  const adapter = new CloudAdapter(auth);

  adapter.onTurnError = async (context, error) => {
    // Log what failed, never what the visitor wrote.
    log.error(
      {
        conversation: hashConversationId(context.activity.conversation?.id ?? ''),
        channel: context.activity.channelId,
        err: { name: error.name, message: error.message, stack: error.stack },
      },
      'turn failed',
    );
    try {
      await apologize(context);
    } catch {
      // The channel itself may be what failed; nothing more to do for this turn.
    }
  };
  return adapter;
}
