import { gql } from 'graphql-tag';

export const accountsTypeDefs = gql`
  extend type Mutation {
    signUp(input: SignUpInput!): AuthPayload!
    logIn(input: LogInInput!): AuthPayload!
    changePassword(input: ChangePasswordInput!): UserPayload!
  }

  input SignUpInput {
    email: String!
    """
    8-128 characters of any kind, used exactly as typed; not a common or breached password, not one
    character repeated or a run (12345678), not the username or the email's local part, no control
    characters (TOO_SHORT, TOO_LONG or INVALID on ["input", "password"]).
    """
    password: String!
    username: String!
    displayName: String!
  }

  input LogInInput {
    "Email or username."
    login: String!
    password: String!
  }

  input ChangePasswordInput {
    currentPassword: String!
    newPassword: String!
  }
`;
