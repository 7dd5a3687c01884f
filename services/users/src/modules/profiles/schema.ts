import { gql } from 'graphql-tag';

export const profilesTypeDefs = gql`
  "A marketplace member. Every member can buy; members who became sellers can also publish gigs."
  type User @key(fields: "id") {
    id: ID!
    "Unique public handle: 3-20 characters, lowercase letters, digits and underscores."
    username: String!
    displayName: String!
    avatarUrl: String
    bio: String
    "ISO 3166-1 alpha-2 country code."
    country: String
    languages: [LanguageSkill!]!
    skills: [String!]!
    isSeller: Boolean!
    sellerProfile: SellerProfile
    memberSince: DateTime!
    "Only visible to the member themself and to admins; null for everyone else."
    email: String
    "Only visible to the member themself and to admins; empty for everyone else."
    roles: [Role!]!
  }

  enum Role {
    BUYER
    SELLER
    ADMIN
  }

  type SellerProfile {
    "One-line pitch shown on gig cards, 10-70 characters."
    headline: String!
    sellerSince: DateTime!
  }

  type LanguageSkill {
    "ISO 639-1 language code."
    code: String!
    level: LanguageLevel!
  }

  enum LanguageLevel {
    BASIC
    CONVERSATIONAL
    FLUENT
    NATIVE
  }

  type Query {
    "The signed-in member, or null without a valid access token."
    me: User
    user(id: ID!): User
    userByUsername(username: String!): User
  }

  type Mutation {
    updateProfile(input: UpdateProfileInput!): UserPayload!
    becomeSeller(input: BecomeSellerInput!): UserPayload!
  }

  input UpdateProfileInput {
    displayName: String
    avatarUrl: String
    "A READY AVATAR file of the viewer's; null removes the avatar. Giving both avatarId and avatarUrl is INVALID."
    avatarId: ID
    bio: String
    country: String
    languages: [LanguageSkillInput!]
    skills: [String!]
  }

  input LanguageSkillInput {
    code: String!
    level: LanguageLevel!
  }

  input BecomeSellerInput {
    headline: String!
    skills: [String!]!
    languages: [LanguageSkillInput!]!
  }

  type UserPayload {
    user: User
    userErrors: [UserError!]!
  }

  extend type User {
    "An AVATAR file; when set, avatarUrl is its 400-pixel rendition's permanent link."
    avatar: File
  }

  type File @key(fields: "id", resolvable: false) {
    id: ID!
  }
`;
