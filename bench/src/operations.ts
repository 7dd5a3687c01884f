import { randomUUID } from 'node:crypto';
import { seededRandom } from './dataset.js';

/** The operations the benchmark measures, as a client would send them. */
export const SEARCH_PAGE = /* GraphQL */ `
  query SearchPage($category: String!, $first: Int!) {
    searchGigs(first: $first, sort: TOP_RATED, filter: { categorySlug: $category }) {
      edges {
        node {
          id
          title
          startingPrice {
            amountCents
            formatted
          }
          seller {
            id
            username
            sellerStats {
              level
            }
          }
          rating {
            average
            count
          }
        }
      }
    }
  }
`;

/** A search box query with a typo (a dataset word with two letters swapped), and the filter panel's facets. */
export const SEARCH_TYPO_FACETS = /* GraphQL */ `
  query SearchTypoFacets($query: String!, $first: Int!) {
    searchGigs(query: $query, first: $first) {
      totalCount
      edges {
        node {
          id
          title
          startingPrice {
            formatted
          }
          seller {
            id
            username
          }
        }
      }
      facets {
        categories {
          category {
            slug
            name
          }
          count
        }
        priceRanges {
          count
        }
        deliveryTimes {
          maxDays
          count
        }
      }
    }
  }
`;

export const GIG_PAGE = /* GraphQL */ `
  query GigPage($id: ID!) {
    gig(id: $id) {
      id
      title
      description
      tags
      packages {
        tier
        name
        description
        price {
          amountCents
          formatted
        }
        deliveryDays
        revisions
        features
      }
      seller {
        id
        username
        displayName
        avatarUrl
        country
        memberSince
        sellerProfile {
          headline
          sellerSince
        }
        sellerStats {
          level
          completedOrders
          rating {
            average
            count
          }
        }
      }
      rating {
        average
        count
      }
      reviews(first: 10) {
        edges {
          node {
            id
            rating
            comment
            createdAt
            author {
              id
              username
              displayName
              avatarUrl
            }
          }
        }
      }
    }
  }
`;

/** Operation 2's part that the gigs subgraph answers alone: the same through a gateway and directly. */
export const GIG_PAGE_GIGS_PART = /* GraphQL */ `
  query GigPageGigsPart($id: ID!) {
    gig(id: $id) {
      id
      title
      description
      tags
      packages {
        tier
        name
        description
        price {
          amountCents
          formatted
        }
        deliveryDays
        revisions
        features
      }
    }
  }
`;

export const MY_ORDERS = /* GraphQL */ `
  query MyOrders($first: Int!) {
    me {
      id
      username
      displayName
    }
    myOrders(role: BUYER, first: $first) {
      edges {
        node {
          id
          number
          status
          total {
            formatted
          }
          createdAt
          gig {
            id
            title
          }
        }
      }
    }
  }
`;

export const PLACE_ORDER = /* GraphQL */ `
  mutation PlaceOrder($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      order {
        id
        number
        status
        total {
          formatted
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

/** The inbox's list: the reader's first page of conversations, each with the other member and the last message. */
export const INBOX_PAGE = /* GraphQL */ `
  query InboxPage($first: Int!) {
    conversations(first: $first) {
      totalCount
      edges {
        cursor
        node {
          id
          unreadCount
          starred
          updatedAt
          counterpart {
            id
            username
            displayName
            avatarUrl
          }
          lastMessage {
            id
            body
            sentAt
            readAt
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const LOG_IN = /* GraphQL */ `
  mutation LogIn($input: LogInInput!) {
    logIn(input: $input) {
      session {
        accessToken
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export interface OperationInputs {
  categorySlugs: string[];
  gigIds: string[];
}

export type OperationId = 'search' | 'searchTypo' | 'gigPage' | 'myOrders' | 'placeOrder' | 'gigPageGigsPart' | 'inbox';

/** Words of the dataset's titles (dataset.ts WORDS) of 5+ letters, misspelt by a swap of two neighbours. */
const TYPOS = ['wrodpress', 'minimalsit', 'webiste', 'illsutration', 'translaiton', 'mraketing', 'presentaiton', 'dashbaord'];

export interface Operation {
  id: OperationId;
  title: string;
  /** Signed in as: the reader (reads) or the writer (placeOrder). */
  as: 'reader' | 'writer' | null;
  /** A new request body each call (varying ids, fresh idempotency keys). */
  body: () => string;
}

/** Bodies vary over the dataset deterministically (a seeded sequence per operation). */
export function operations(inputs: OperationInputs, seed = 7): Record<OperationId, Operation> {
  const r = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(r() * items.length)]!;
  const json = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
  return {
    search: {
      id: 'search',
      title: '1. search page',
      as: null,
      body: () => json(SEARCH_PAGE, { category: pick(inputs.categorySlugs), first: 20 }),
    },
    searchTypo: {
      id: 'searchTypo',
      title: '5. search, typo + facets',
      as: null,
      body: () => json(SEARCH_TYPO_FACETS, { query: pick(TYPOS), first: 20 }),
    },
    gigPage: { id: 'gigPage', title: '2. gig page', as: null, body: () => json(GIG_PAGE, { id: pick(inputs.gigIds) }) },
    gigPageGigsPart: {
      id: 'gigPageGigsPart',
      title: "2'. gig page, gigs part",
      as: null,
      body: () => json(GIG_PAGE_GIGS_PART, { id: pick(inputs.gigIds) }),
    },
    myOrders: { id: 'myOrders', title: '3. me + myOrders', as: 'reader', body: () => json(MY_ORDERS, { first: 10 }) },
    inbox: { id: 'inbox', title: '6. inbox page', as: 'reader', body: () => json(INBOX_PAGE, { first: 20 }) },
    placeOrder: {
      id: 'placeOrder',
      title: '4. placeOrder',
      as: 'writer',
      body: () =>
        json(PLACE_ORDER, {
          input: { gigId: pick(inputs.gigIds), tier: pick(['BASIC', 'STANDARD', 'PREMIUM']), idempotencyKey: randomUUID() },
        }),
    },
  };
}

/** A response body that is not a full success: GraphQL errors, or userErrors of a mutation. */
export function bodyHasErrors(body: string): boolean {
  return body.includes('"errors"') || (body.includes('"userErrors"') && !body.includes('"userErrors":[]'));
}
