import { gql } from 'graphql-tag';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/** Types every module of this subgraph uses; the @shareable ones are also defined by the other subgraphs. */
export const commonTypeDefs = gql`
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires"])

  "An ISO-8601 date-time in UTC, e.g. 2026-11-24T10:00:00.000Z."
  scalar DateTime

  "An amount of money in minor units (cents)."
  type Money @shareable {
    amountCents: Int!
    currency: CurrencyCode!
    "For display, e.g. \\"$25.00\\"."
    formatted: String!
  }

  enum CurrencyCode {
    USD
  }

  enum PackageTier {
    BASIC
    STANDARD
    PREMIUM
  }

  type PageInfo @shareable {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  type RatingSummary @shareable {
    "Null until the first review."
    average: Float
    count: Int!
  }

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

function toDate(value: unknown): Date {
  const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO-8601 date-time.');
  return date;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  serialize: (value) => toDate(value).toISOString(),
  parseValue: (value) => toDate(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string.');
    return toDate(ast.value);
  },
});

export const commonResolvers = { DateTime: DateTimeScalar };
