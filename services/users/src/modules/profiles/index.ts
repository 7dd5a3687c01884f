import type { SubgraphModule } from '@gigmart/shared';
import { profilesResolvers } from './resolvers.js';
import { profilesTypeDefs } from './schema.js';

export const profilesModule: SubgraphModule = { typeDefs: profilesTypeDefs, resolvers: profilesResolvers };
export { userModel, type UserDoc, type UserModel } from './model.js';
export { displayName, normalizeUsername, username } from './rules.js';
export { listAdmins, signedInMember, setAdmin, setSellerSince } from './service.js';
export { mountMailRecipientsRoute, mountMembersRoute } from './routes.js';
