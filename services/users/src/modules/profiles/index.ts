import type { SubgraphModule } from '@gigmart/shared';
import { profileResolvers } from './resolvers.js';
import { profileTypeDefs } from './schema.js';

export const profilesModule: SubgraphModule = { typeDefs: profileTypeDefs, resolvers: profileResolvers };
export { userModel, type UserDoc, type UserModel } from './model.js';
export { normalizeUsername } from './rules.js';
export { listAdmins, signedInMember, setAdmin, setSellerSince } from './service.js';
export { mountMembersRoute } from './routes.js';
