export { startInboxService, type InboxServiceOptions, type StartedInboxService } from './app.js';
export { inboxEnvSchema } from './config.js';
export { inboxModels, type InboxModels } from './context.js';
export { subgraphModules } from './modules.js';
export { HAS_WRITTEN_ROUTE, type HasWrittenRequest, type HasWrittenResponse } from './modules/conversations/index.js';
