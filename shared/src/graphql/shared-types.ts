import { DateTimeResolver } from 'graphql-scalars';
import { gql } from 'graphql-tag';
import type { SubgraphModule } from '../subgraph.js';

/**
 * Types the contract declares in more than one subgraph, defined once. Federation needs each
 * subgraph that uses them to declare them, so every service includes the modules it uses; the
 * object types are @shareable, which the including subgraph's federation @link must import (each
 * service links federation once, in one of its own modules).
 */

/** ISO-8601 in UTC on the wire (`toISOString`), a Date inside: graphql-scalars' RFC 3339 DateTime. */
export const DateTimeScalar = DateTimeResolver;

export const dateTimeModule: SubgraphModule = {
  typeDefs: gql`
    "An ISO-8601 date-time in UTC, e.g. 2026-11-24T10:00:00.000Z."
    scalar DateTime
  `,
  resolvers: { DateTime: DateTimeScalar },
};

export const userErrorModule: SubgraphModule = {
  typeDefs: gql`
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
  `,
};

/** Resolve a Money field with `money(cents)` from shared/money. */
export const moneyModule: SubgraphModule = {
  typeDefs: gql`
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
  `,
};

export const pageInfoModule: SubgraphModule = {
  typeDefs: gql`
    type PageInfo @shareable {
      hasNextPage: Boolean!
      hasPreviousPage: Boolean!
      startCursor: String
      endCursor: String
    }
  `,
};
