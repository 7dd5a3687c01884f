import { gql } from 'graphql-tag';

export const accountsTypeDefs = gql`
  extend type Mutation {
    signUp(input: SignUpInput!): AuthPayload!
    logIn(input: LogInInput!): AuthPayload!
    changePassword(input: ChangePasswordInput!): UserPayload!
  }

  input SignUpInput {
    email: String!
    "At least 8 characters."
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
