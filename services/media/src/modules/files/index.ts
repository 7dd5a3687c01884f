import type { SubgraphModule } from '@gigmart/shared';
import { filesResolvers } from './resolvers.js';
import { filesTypeDefs } from './schema.js';

/** Uploaded files: staged uploads (createUpload → PUT → completeUpload), the checks, links, attaching, cleanup. */
export const filesModule: SubgraphModule = { typeDefs: filesTypeDefs, resolvers: filesResolvers };
export { fileModel, type FileDoc, type FileModel } from './model.js';
export { startCleanupJob } from './cleanup.js';
export { registerFileRoutes } from './routes.js';
