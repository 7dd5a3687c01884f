import { gql } from 'graphql-tag';

/** What every module of the users subgraph shares: the federation link, DateTime, UserError. */
export const commonTypeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])

  "An ISO-8601 date-time in UTC, e.g. 2026-11-24T10:00:00.000Z."
  scalar DateTime

  "An expected failure of a mutation, caused by its input or by a business rule: shown to the person, not thrown."
  type UserError @shareable {
    "Path to the input field at fault, e.g. [\\"input\\", \\"email\\"]; null when no single field is at fault."
    field: [String!]
    message: String!
    code: UserErrorCode!
  }

  enum UserErrorCode {
    INVALID
    TAKEN
    TOO_SHORT
    TOO_LONG
    NOT_FOUND
    INVALID_CREDENTIALS
    INVALID_STATE
    LIMIT_REACHED
    RATE_LIMITED
  }
`;
