import { gql } from 'graphql-tag';

export const sessionsTypeDefs = gql`
  extend type Mutation {
    "Trades a refresh token for a new session. Each refresh token works once (rotation); reusing a spent one revokes the whole session family."
    refreshSession(input: RefreshSessionInput!): AuthPayload!
    logOut(input: LogOutInput!): LogOutPayload!
  }

  input RefreshSessionInput {
    refreshToken: String!
  }

  input LogOutInput {
    refreshToken: String!
  }

  type Session {
    "Short-lived JWT, sent as 'Authorization: Bearer <token>'."
    accessToken: String!
    accessTokenExpiresAt: DateTime!
    refreshToken: String!
    refreshTokenExpiresAt: DateTime!
  }

  type AuthPayload {
    session: Session
    user: User
    userErrors: [UserError!]!
  }

  type LogOutPayload {
    success: Boolean!
    userErrors: [UserError!]!
  }
`;
