export { startMediaService, type MediaServiceOptions, type StartedMediaService } from './app.js';
export { mediaEnvSchema } from './config.js';
export { subgraphModules } from './modules.js';
