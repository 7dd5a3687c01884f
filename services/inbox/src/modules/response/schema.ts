import { gql } from 'graphql-tag';

export const responseTypeDefs = gql`
  type User @key(fields: "id") {
    id: ID!
    """
    Share of conversations that others opened with the member in the last 90 days and that the member
    answered within 24 hours (a message or a custom offer counts as an answer; conversations the member
    blocked within those 24 hours are left out), 0-1; null when nobody wrote to them in that time, and
    for members who are not sellers. Public.
    """
    responseRate: Float
    "Median time of the member's first replies over the same conversations, in minutes; null as above. Public."
    responseTimeMinutes: Int
  }
`;
