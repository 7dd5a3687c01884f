/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  '\n  mutation LogOut($input: LogOutInput!) {\n    logOut(input: $input) {\n      success\n    }\n  }\n': typeof types.LogOutDocument;
  '\n  query InboxCounts {\n    inboxCounts {\n      unreadConversations\n    }\n  }\n': typeof types.InboxCountsDocument;
  '\n  mutation RefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) {\n      session {\n        accessToken\n        accessTokenExpiresAt\n        refreshToken\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.RefreshSessionDocument;
  '\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      session {\n        accessToken\n        accessTokenExpiresAt\n        refreshToken\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.SignUpDocument;
  '\n  mutation LogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      session {\n        accessToken\n        accessTokenExpiresAt\n        refreshToken\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.LogInDocument;
  '\n  mutation BecomeSeller($input: BecomeSellerInput!) {\n    becomeSeller(input: $input) {\n      user {\n        id\n        isSeller\n        sellerProfile {\n          headline\n          sellerSince\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.BecomeSellerDocument;
  '\n  fragment ThreadMessage on Message {\n    id\n    body\n    sentAt\n    readAt\n    author {\n      id\n      username\n      displayName\n    }\n    offer {\n      id\n      status\n      description\n      price {\n        formatted\n      }\n      serviceFee {\n        formatted\n      }\n      total {\n        formatted\n      }\n      deliveryDays\n      revisions\n      skipRequirements\n      declineReason\n      expiresAt\n      createdAt\n      gig {\n        id\n        title\n      }\n      seller {\n        id\n      }\n      buyer {\n        id\n      }\n      order {\n        id\n      }\n    }\n  }\n': typeof types.ThreadMessageFragmentDoc;
  '\n  query ConversationThread($id: ID!, $first: Int) {\n    conversation(id: $id) {\n      id\n      unreadCount\n      starred\n      archived\n      blocked\n      blockedByViewer\n      counterpart {\n        id\n        username\n        displayName\n      }\n      messages(first: $first) {\n        totalCount\n        edges {\n          node {\n            ...ThreadMessage\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n': typeof types.ConversationThreadDocument;
  '\n  query OlderMessages($id: ID!, $first: Int, $after: String) {\n    conversation(id: $id) {\n      id\n      messages(first: $first, after: $after) {\n        edges {\n          node {\n            ...ThreadMessage\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n': typeof types.OlderMessagesDocument;
  '\n  query ConversationWith($userId: ID!) {\n    conversationWith(userId: $userId) {\n      id\n    }\n    user(id: $userId) {\n      id\n      username\n      displayName\n    }\n  }\n': typeof types.ConversationWithDocument;
  '\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      message {\n        ...ThreadMessage\n      }\n      conversation {\n        id\n        unreadCount\n        updatedAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.SendMessageDocument;
  '\n  mutation MarkConversationRead($input: ConversationIdInput!) {\n    markConversationRead(input: $input) {\n      conversation {\n        id\n        unreadCount\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.MarkConversationReadDocument;
  '\n  mutation UpdateConversation($input: UpdateConversationInput!) {\n    updateConversation(input: $input) {\n      conversation {\n        id\n        starred\n        archived\n        blocked\n        blockedByViewer\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.UpdateConversationDocument;
  '\n  fragment OfferCard on Offer {\n    id\n    status\n    description\n    price {\n      formatted\n    }\n    serviceFee {\n      formatted\n    }\n    total {\n      formatted\n    }\n    deliveryDays\n    revisions\n    skipRequirements\n    declineReason\n    expiresAt\n    createdAt\n    gig {\n      id\n      title\n    }\n    seller {\n      id\n    }\n    buyer {\n      id\n    }\n    order {\n      id\n    }\n  }\n': typeof types.OfferCardFragmentDoc;
  '\n  query SellerActiveGigs {\n    me {\n      id\n      gigs(status: ACTIVE, first: 50) {\n        edges {\n          node {\n            id\n            title\n          }\n        }\n      }\n    }\n  }\n': typeof types.SellerActiveGigsDocument;
  '\n  mutation SendOffer($input: SendOfferInput!) {\n    sendOffer(input: $input) {\n      offer {\n        ...OfferCard\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.SendOfferDocument;
  '\n  mutation AcceptOffer($input: OfferIdInput!) {\n    acceptOffer(input: $input) {\n      offer {\n        ...OfferCard\n      }\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.AcceptOfferDocument;
  '\n  mutation DeclineOffer($input: DeclineOfferInput!) {\n    declineOffer(input: $input) {\n      offer {\n        ...OfferCard\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.DeclineOfferDocument;
  '\n  mutation WithdrawOffer($input: OfferIdInput!) {\n    withdrawOffer(input: $input) {\n      offer {\n        ...OfferCard\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.WithdrawOfferDocument;
  '\n  query DisputedOrders($first: Int, $after: String) {\n    disputedOrders(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          status\n          package {\n            gigTitle\n            name\n          }\n          buyer {\n            id\n            displayName\n          }\n          seller {\n            id\n            displayName\n          }\n          total {\n            formatted\n          }\n          dispute {\n            ...DisputeFields\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n': typeof types.DisputedOrdersDocument;
  '\n  query GigDetails($id: ID!) {\n    gig(id: $id) {\n      id\n      title\n      description\n      status\n      tags\n      images\n      category {\n        slug\n        name\n        parent {\n          slug\n          name\n        }\n      }\n      packages {\n        tier\n        name\n        description\n        price {\n          formatted\n        }\n        deliveryDays\n        revisions\n        features\n      }\n      extras {\n        id\n        kind\n        title\n        description\n        price {\n          formatted\n        }\n        days\n      }\n      faqs {\n        question\n        answer\n      }\n      requirements {\n        id\n        question\n        required\n      }\n      rating {\n        average\n        count\n      }\n      ordersCompleted\n      ordersInQueue\n      seller {\n        id\n        username\n        displayName\n        country\n        memberSince\n        sellerProfile {\n          headline\n        }\n        sellerStats {\n          level\n          completedOrders\n          onTimeDeliveryRate\n          rating {\n            average\n            count\n          }\n        }\n      }\n    }\n  }\n': typeof types.GigDetailsDocument;
  '\n  query GigReviews($id: ID!, $first: Int, $after: String) {\n    gig(id: $id) {\n      id\n      reviews(first: $first, after: $after) {\n        totalCount\n        edges {\n          node {\n            id\n            rating\n            comment\n            sellerResponse\n            createdAt\n            author {\n              id\n              username\n              displayName\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n': typeof types.GigReviewsDocument;
  '\n  query OrderQuote($gigId: ID!, $tier: PackageTier!, $extras: [OrderExtraInput!]) {\n    orderQuote(gigId: $gigId, tier: $tier, extras: $extras) {\n      subtotal {\n        formatted\n      }\n      serviceFee {\n        formatted\n      }\n      total {\n        formatted\n      }\n      deliveryDays\n      revisions\n    }\n  }\n': typeof types.OrderQuoteDocument;
  '\n  mutation PlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.PlaceOrderDocument;
  '\n  mutation PublishGig($input: GigIdInput!) {\n    publishGig(input: $input) {\n      gig {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.PublishGigDocument;
  '\n  query Categories {\n    categories {\n      id\n      slug\n      name\n      children {\n        id\n        slug\n        name\n      }\n    }\n  }\n': typeof types.CategoriesDocument;
  '\n  query Conversations($filter: ConversationFilter, $first: Int, $after: String) {\n    conversations(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          unreadCount\n          starred\n          archived\n          blocked\n          updatedAt\n          counterpart {\n            id\n            username\n            displayName\n          }\n          lastMessage {\n            id\n            body\n            offer {\n              id\n              price {\n                formatted\n              }\n            }\n            sentAt\n            author {\n              id\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n': typeof types.ConversationsDocument;
  '\n  mutation CreateGig($input: CreateGigInput!) {\n    createGig(input: $input) {\n      gig {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.CreateGigDocument;
  '\n  query OrderDetails($id: ID!) {\n    order(id: $id) {\n      id\n      number\n      status\n      createdAt\n      dueAt\n      isLate\n      revisionsUsed\n      revisionsRemaining\n      completedAt\n      cancelledAt\n      subtotal {\n        formatted\n      }\n      serviceFee {\n        formatted\n      }\n      total {\n        formatted\n      }\n      sellerEarnings {\n        formatted\n      }\n      refunded {\n        amountCents\n        formatted\n      }\n      autoCompletesAt\n      offer {\n        id\n      }\n      extras {\n        extraId\n        kind\n        title\n        quantity\n        total {\n          formatted\n        }\n        days\n      }\n      charges {\n        kind\n        subtotal {\n          formatted\n        }\n        serviceFee {\n          formatted\n        }\n        total {\n          formatted\n        }\n        at\n      }\n      ...OrderResolutionFields\n      package {\n        tier\n        name\n        deliveryDays\n        revisions\n        gigTitle\n        price {\n          formatted\n        }\n      }\n      gig {\n        id\n        requirements {\n          id\n          question\n          required\n        }\n        extras {\n          id\n          kind\n          title\n          description\n          price {\n            formatted\n          }\n          days\n        }\n      }\n      buyer {\n        id\n        username\n        displayName\n      }\n      seller {\n        id\n        username\n        displayName\n      }\n      requirements {\n        question\n        answer\n      }\n      deliveries {\n        id\n        message\n        attachments\n        deliveredAt\n      }\n      messages {\n        id\n        body\n        sentAt\n        author {\n          id\n          displayName\n        }\n      }\n      events {\n        type\n        at\n        note\n        actor {\n          id\n          displayName\n        }\n      }\n      review {\n        id\n        rating\n        communication\n        serviceAsDescribed\n        recommend\n        comment\n        sellerResponse\n        createdAt\n      }\n    }\n  }\n': typeof types.OrderDetailsDocument;
  '\n  mutation SubmitRequirements($input: SubmitRequirementsInput!) {\n    submitRequirements(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.SubmitRequirementsDocument;
  '\n  mutation DeliverOrder($input: DeliverOrderInput!) {\n    deliverOrder(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.DeliverOrderDocument;
  '\n  mutation RequestRevision($input: RequestRevisionInput!) {\n    requestRevision(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.RequestRevisionDocument;
  '\n  mutation AcceptDelivery($input: OrderIdInput!) {\n    acceptDelivery(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.AcceptDeliveryDocument;
  '\n  mutation CancelOrder($input: CancelOrderInput!) {\n    cancelOrder(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.CancelOrderDocument;
  '\n  mutation SendOrderMessage($input: SendOrderMessageInput!) {\n    sendOrderMessage(input: $input) {\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.SendOrderMessageDocument;
  '\n  mutation LeaveReview($input: LeaveReviewInput!) {\n    leaveReview(input: $input) {\n      review {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.LeaveReviewDocument;
  '\n  mutation RespondToReview($input: RespondToReviewInput!) {\n    respondToReview(input: $input) {\n      review {\n        id\n        sellerResponse\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.RespondToReviewDocument;
  '\n  fragment OrderResolutionFields on Order {\n    id\n    status\n    viewerActions\n    extensionRequests {\n      id\n      days\n      reason\n      status\n      respondBy\n      createdAt\n      answeredAt\n    }\n    cancellationRequests {\n      id\n      requestedBy {\n        id\n        displayName\n      }\n      reason\n      status\n      respondBy\n      createdAt\n      answeredAt\n    }\n    partialRefundOffers {\n      id\n      percent\n      amount {\n        formatted\n      }\n      status\n      respondBy\n      createdAt\n      answeredAt\n    }\n    dispute {\n      ...DisputeFields\n    }\n  }\n': typeof types.OrderResolutionFieldsFragmentDoc;
  '\n  fragment DisputeFields on Dispute {\n    id\n    openedBy {\n      id\n      displayName\n    }\n    reason\n    status\n    outcome\n    refundPercent\n    resolutionNote\n    createdAt\n    resolvedAt\n  }\n': typeof types.DisputeFieldsFragmentDoc;
  '\n  mutation BuyExtras($input: BuyExtrasInput!) {\n    buyExtras(input: $input) {\n      order {\n        id\n        dueAt\n        revisionsRemaining\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.BuyExtrasDocument;
  '\n  mutation RequestExtension($input: RequestExtensionInput!) {\n    requestExtension(input: $input) {\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.RequestExtensionDocument;
  '\n  mutation AnswerExtension($input: AnswerRequestInput!) {\n    answerExtension(input: $input) {\n      order {\n        id\n        dueAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.AnswerExtensionDocument;
  '\n  mutation RequestCancellation($input: RequestCancellationInput!) {\n    requestCancellation(input: $input) {\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.RequestCancellationDocument;
  '\n  mutation AnswerCancellation($input: AnswerRequestInput!) {\n    answerCancellation(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.AnswerCancellationDocument;
  '\n  mutation WithdrawCancellation($input: RequestIdInput!) {\n    withdrawCancellation(input: $input) {\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.WithdrawCancellationDocument;
  '\n  mutation OfferPartialRefund($input: OfferPartialRefundInput!) {\n    offerPartialRefund(input: $input) {\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.OfferPartialRefundDocument;
  '\n  mutation AnswerPartialRefund($input: AnswerRequestInput!) {\n    answerPartialRefund(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.AnswerPartialRefundDocument;
  '\n  mutation OpenDispute($input: OpenDisputeInput!) {\n    openDispute(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.OpenDisputeDocument;
  '\n  mutation ResolveDispute($input: ResolveDisputeInput!) {\n    resolveDispute(input: $input) {\n      order {\n        id\n        status\n        dispute {\n          id\n          status\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.ResolveDisputeDocument;
  '\n  query MyOrders($role: OrderRole!, $first: Int, $after: String) {\n    myOrders(role: $role, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          status\n          createdAt\n          dueAt\n          isLate\n          total {\n            formatted\n          }\n          sellerEarnings {\n            formatted\n          }\n          package {\n            tier\n            gigTitle\n          }\n          buyer {\n            id\n            displayName\n          }\n          seller {\n            id\n            displayName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n': typeof types.MyOrdersDocument;
  '\n  query Profile($username: String!) {\n    userByUsername(username: $username) {\n      id\n      username\n      displayName\n      bio\n      country\n      memberSince\n      skills\n      languages {\n        code\n        level\n      }\n      isSeller\n      sellerProfile {\n        headline\n        sellerSince\n      }\n      sellerStats {\n        level\n        completedOrders\n        activeOrders\n        onTimeDeliveryRate\n        rating {\n          average\n          count\n        }\n      }\n    }\n  }\n': typeof types.ProfileDocument;
  '\n  query ProfileGigs($username: String!, $first: Int, $after: String) {\n    userByUsername(username: $username) {\n      id\n      gigs(status: ACTIVE, first: $first, after: $after) {\n        edges {\n          node {\n            ...GigCard\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n': typeof types.ProfileGigsDocument;
  '\n  query ProfileReviews($username: String!, $first: Int, $after: String) {\n    userByUsername(username: $username) {\n      id\n      reviewsReceived(first: $first, after: $after) {\n        totalCount\n        edges {\n          node {\n            id\n            rating\n            comment\n            sellerResponse\n            createdAt\n            author {\n              id\n              displayName\n            }\n            gig {\n              id\n              title\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n': typeof types.ProfileReviewsDocument;
  '\n  fragment GigCard on Gig {\n    id\n    title\n    status\n    images\n    startingPrice {\n      formatted\n    }\n    rating {\n      average\n      count\n    }\n    seller {\n      id\n      username\n      displayName\n      sellerStats {\n        level\n      }\n    }\n  }\n': typeof types.GigCardFragmentDoc;
  '\n  query SearchGigs($query: String, $filter: GigFilter, $sort: GigSort, $first: Int, $after: String) {\n    searchGigs(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...GigCard\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n': typeof types.SearchGigsDocument;
  '\n  query SellerDashboard {\n    me {\n      id\n      sellerStats {\n        level\n        completedOrders\n        activeOrders\n        onTimeDeliveryRate\n        rating {\n          average\n          count\n        }\n      }\n      sellerEarnings {\n        pendingClearance {\n          formatted\n        }\n        cleared {\n          formatted\n        }\n        lifetime {\n          formatted\n        }\n      }\n      gigs(first: 50) {\n        totalCount\n        edges {\n          node {\n            id\n            title\n            status\n            startingPrice {\n              formatted\n            }\n            ordersInQueue\n            ordersCompleted\n          }\n        }\n      }\n    }\n  }\n': typeof types.SellerDashboardDocument;
  '\n  query Viewer {\n    me {\n      id\n      username\n      displayName\n      isSeller\n      roles\n    }\n  }\n': typeof types.ViewerDocument;
};
const documents: Documents = {
  '\n  mutation LogOut($input: LogOutInput!) {\n    logOut(input: $input) {\n      success\n    }\n  }\n': types.LogOutDocument,
  '\n  query InboxCounts {\n    inboxCounts {\n      unreadConversations\n    }\n  }\n': types.InboxCountsDocument,
  '\n  mutation RefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) {\n      session {\n        accessToken\n        accessTokenExpiresAt\n        refreshToken\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.RefreshSessionDocument,
  '\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      session {\n        accessToken\n        accessTokenExpiresAt\n        refreshToken\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.SignUpDocument,
  '\n  mutation LogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      session {\n        accessToken\n        accessTokenExpiresAt\n        refreshToken\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.LogInDocument,
  '\n  mutation BecomeSeller($input: BecomeSellerInput!) {\n    becomeSeller(input: $input) {\n      user {\n        id\n        isSeller\n        sellerProfile {\n          headline\n          sellerSince\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.BecomeSellerDocument,
  '\n  fragment ThreadMessage on Message {\n    id\n    body\n    sentAt\n    readAt\n    author {\n      id\n      username\n      displayName\n    }\n    offer {\n      id\n      status\n      description\n      price {\n        formatted\n      }\n      serviceFee {\n        formatted\n      }\n      total {\n        formatted\n      }\n      deliveryDays\n      revisions\n      skipRequirements\n      declineReason\n      expiresAt\n      createdAt\n      gig {\n        id\n        title\n      }\n      seller {\n        id\n      }\n      buyer {\n        id\n      }\n      order {\n        id\n      }\n    }\n  }\n':
    types.ThreadMessageFragmentDoc,
  '\n  query ConversationThread($id: ID!, $first: Int) {\n    conversation(id: $id) {\n      id\n      unreadCount\n      starred\n      archived\n      blocked\n      blockedByViewer\n      counterpart {\n        id\n        username\n        displayName\n      }\n      messages(first: $first) {\n        totalCount\n        edges {\n          node {\n            ...ThreadMessage\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n':
    types.ConversationThreadDocument,
  '\n  query OlderMessages($id: ID!, $first: Int, $after: String) {\n    conversation(id: $id) {\n      id\n      messages(first: $first, after: $after) {\n        edges {\n          node {\n            ...ThreadMessage\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n':
    types.OlderMessagesDocument,
  '\n  query ConversationWith($userId: ID!) {\n    conversationWith(userId: $userId) {\n      id\n    }\n    user(id: $userId) {\n      id\n      username\n      displayName\n    }\n  }\n':
    types.ConversationWithDocument,
  '\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      message {\n        ...ThreadMessage\n      }\n      conversation {\n        id\n        unreadCount\n        updatedAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.SendMessageDocument,
  '\n  mutation MarkConversationRead($input: ConversationIdInput!) {\n    markConversationRead(input: $input) {\n      conversation {\n        id\n        unreadCount\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.MarkConversationReadDocument,
  '\n  mutation UpdateConversation($input: UpdateConversationInput!) {\n    updateConversation(input: $input) {\n      conversation {\n        id\n        starred\n        archived\n        blocked\n        blockedByViewer\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.UpdateConversationDocument,
  '\n  fragment OfferCard on Offer {\n    id\n    status\n    description\n    price {\n      formatted\n    }\n    serviceFee {\n      formatted\n    }\n    total {\n      formatted\n    }\n    deliveryDays\n    revisions\n    skipRequirements\n    declineReason\n    expiresAt\n    createdAt\n    gig {\n      id\n      title\n    }\n    seller {\n      id\n    }\n    buyer {\n      id\n    }\n    order {\n      id\n    }\n  }\n':
    types.OfferCardFragmentDoc,
  '\n  query SellerActiveGigs {\n    me {\n      id\n      gigs(status: ACTIVE, first: 50) {\n        edges {\n          node {\n            id\n            title\n          }\n        }\n      }\n    }\n  }\n':
    types.SellerActiveGigsDocument,
  '\n  mutation SendOffer($input: SendOfferInput!) {\n    sendOffer(input: $input) {\n      offer {\n        ...OfferCard\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.SendOfferDocument,
  '\n  mutation AcceptOffer($input: OfferIdInput!) {\n    acceptOffer(input: $input) {\n      offer {\n        ...OfferCard\n      }\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.AcceptOfferDocument,
  '\n  mutation DeclineOffer($input: DeclineOfferInput!) {\n    declineOffer(input: $input) {\n      offer {\n        ...OfferCard\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.DeclineOfferDocument,
  '\n  mutation WithdrawOffer($input: OfferIdInput!) {\n    withdrawOffer(input: $input) {\n      offer {\n        ...OfferCard\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.WithdrawOfferDocument,
  '\n  query DisputedOrders($first: Int, $after: String) {\n    disputedOrders(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          status\n          package {\n            gigTitle\n            name\n          }\n          buyer {\n            id\n            displayName\n          }\n          seller {\n            id\n            displayName\n          }\n          total {\n            formatted\n          }\n          dispute {\n            ...DisputeFields\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n':
    types.DisputedOrdersDocument,
  '\n  query GigDetails($id: ID!) {\n    gig(id: $id) {\n      id\n      title\n      description\n      status\n      tags\n      images\n      category {\n        slug\n        name\n        parent {\n          slug\n          name\n        }\n      }\n      packages {\n        tier\n        name\n        description\n        price {\n          formatted\n        }\n        deliveryDays\n        revisions\n        features\n      }\n      extras {\n        id\n        kind\n        title\n        description\n        price {\n          formatted\n        }\n        days\n      }\n      faqs {\n        question\n        answer\n      }\n      requirements {\n        id\n        question\n        required\n      }\n      rating {\n        average\n        count\n      }\n      ordersCompleted\n      ordersInQueue\n      seller {\n        id\n        username\n        displayName\n        country\n        memberSince\n        sellerProfile {\n          headline\n        }\n        sellerStats {\n          level\n          completedOrders\n          onTimeDeliveryRate\n          rating {\n            average\n            count\n          }\n        }\n      }\n    }\n  }\n':
    types.GigDetailsDocument,
  '\n  query GigReviews($id: ID!, $first: Int, $after: String) {\n    gig(id: $id) {\n      id\n      reviews(first: $first, after: $after) {\n        totalCount\n        edges {\n          node {\n            id\n            rating\n            comment\n            sellerResponse\n            createdAt\n            author {\n              id\n              username\n              displayName\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n':
    types.GigReviewsDocument,
  '\n  query OrderQuote($gigId: ID!, $tier: PackageTier!, $extras: [OrderExtraInput!]) {\n    orderQuote(gigId: $gigId, tier: $tier, extras: $extras) {\n      subtotal {\n        formatted\n      }\n      serviceFee {\n        formatted\n      }\n      total {\n        formatted\n      }\n      deliveryDays\n      revisions\n    }\n  }\n':
    types.OrderQuoteDocument,
  '\n  mutation PlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.PlaceOrderDocument,
  '\n  mutation PublishGig($input: GigIdInput!) {\n    publishGig(input: $input) {\n      gig {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.PublishGigDocument,
  '\n  query Categories {\n    categories {\n      id\n      slug\n      name\n      children {\n        id\n        slug\n        name\n      }\n    }\n  }\n':
    types.CategoriesDocument,
  '\n  query Conversations($filter: ConversationFilter, $first: Int, $after: String) {\n    conversations(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          unreadCount\n          starred\n          archived\n          blocked\n          updatedAt\n          counterpart {\n            id\n            username\n            displayName\n          }\n          lastMessage {\n            id\n            body\n            offer {\n              id\n              price {\n                formatted\n              }\n            }\n            sentAt\n            author {\n              id\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n':
    types.ConversationsDocument,
  '\n  mutation CreateGig($input: CreateGigInput!) {\n    createGig(input: $input) {\n      gig {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.CreateGigDocument,
  '\n  query OrderDetails($id: ID!) {\n    order(id: $id) {\n      id\n      number\n      status\n      createdAt\n      dueAt\n      isLate\n      revisionsUsed\n      revisionsRemaining\n      completedAt\n      cancelledAt\n      subtotal {\n        formatted\n      }\n      serviceFee {\n        formatted\n      }\n      total {\n        formatted\n      }\n      sellerEarnings {\n        formatted\n      }\n      refunded {\n        amountCents\n        formatted\n      }\n      autoCompletesAt\n      offer {\n        id\n      }\n      extras {\n        extraId\n        kind\n        title\n        quantity\n        total {\n          formatted\n        }\n        days\n      }\n      charges {\n        kind\n        subtotal {\n          formatted\n        }\n        serviceFee {\n          formatted\n        }\n        total {\n          formatted\n        }\n        at\n      }\n      ...OrderResolutionFields\n      package {\n        tier\n        name\n        deliveryDays\n        revisions\n        gigTitle\n        price {\n          formatted\n        }\n      }\n      gig {\n        id\n        requirements {\n          id\n          question\n          required\n        }\n        extras {\n          id\n          kind\n          title\n          description\n          price {\n            formatted\n          }\n          days\n        }\n      }\n      buyer {\n        id\n        username\n        displayName\n      }\n      seller {\n        id\n        username\n        displayName\n      }\n      requirements {\n        question\n        answer\n      }\n      deliveries {\n        id\n        message\n        attachments\n        deliveredAt\n      }\n      messages {\n        id\n        body\n        sentAt\n        author {\n          id\n          displayName\n        }\n      }\n      events {\n        type\n        at\n        note\n        actor {\n          id\n          displayName\n        }\n      }\n      review {\n        id\n        rating\n        communication\n        serviceAsDescribed\n        recommend\n        comment\n        sellerResponse\n        createdAt\n      }\n    }\n  }\n':
    types.OrderDetailsDocument,
  '\n  mutation SubmitRequirements($input: SubmitRequirementsInput!) {\n    submitRequirements(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.SubmitRequirementsDocument,
  '\n  mutation DeliverOrder($input: DeliverOrderInput!) {\n    deliverOrder(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.DeliverOrderDocument,
  '\n  mutation RequestRevision($input: RequestRevisionInput!) {\n    requestRevision(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.RequestRevisionDocument,
  '\n  mutation AcceptDelivery($input: OrderIdInput!) {\n    acceptDelivery(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.AcceptDeliveryDocument,
  '\n  mutation CancelOrder($input: CancelOrderInput!) {\n    cancelOrder(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.CancelOrderDocument,
  '\n  mutation SendOrderMessage($input: SendOrderMessageInput!) {\n    sendOrderMessage(input: $input) {\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.SendOrderMessageDocument,
  '\n  mutation LeaveReview($input: LeaveReviewInput!) {\n    leaveReview(input: $input) {\n      review {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.LeaveReviewDocument,
  '\n  mutation RespondToReview($input: RespondToReviewInput!) {\n    respondToReview(input: $input) {\n      review {\n        id\n        sellerResponse\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.RespondToReviewDocument,
  '\n  fragment OrderResolutionFields on Order {\n    id\n    status\n    viewerActions\n    extensionRequests {\n      id\n      days\n      reason\n      status\n      respondBy\n      createdAt\n      answeredAt\n    }\n    cancellationRequests {\n      id\n      requestedBy {\n        id\n        displayName\n      }\n      reason\n      status\n      respondBy\n      createdAt\n      answeredAt\n    }\n    partialRefundOffers {\n      id\n      percent\n      amount {\n        formatted\n      }\n      status\n      respondBy\n      createdAt\n      answeredAt\n    }\n    dispute {\n      ...DisputeFields\n    }\n  }\n':
    types.OrderResolutionFieldsFragmentDoc,
  '\n  fragment DisputeFields on Dispute {\n    id\n    openedBy {\n      id\n      displayName\n    }\n    reason\n    status\n    outcome\n    refundPercent\n    resolutionNote\n    createdAt\n    resolvedAt\n  }\n':
    types.DisputeFieldsFragmentDoc,
  '\n  mutation BuyExtras($input: BuyExtrasInput!) {\n    buyExtras(input: $input) {\n      order {\n        id\n        dueAt\n        revisionsRemaining\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.BuyExtrasDocument,
  '\n  mutation RequestExtension($input: RequestExtensionInput!) {\n    requestExtension(input: $input) {\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.RequestExtensionDocument,
  '\n  mutation AnswerExtension($input: AnswerRequestInput!) {\n    answerExtension(input: $input) {\n      order {\n        id\n        dueAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.AnswerExtensionDocument,
  '\n  mutation RequestCancellation($input: RequestCancellationInput!) {\n    requestCancellation(input: $input) {\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.RequestCancellationDocument,
  '\n  mutation AnswerCancellation($input: AnswerRequestInput!) {\n    answerCancellation(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.AnswerCancellationDocument,
  '\n  mutation WithdrawCancellation($input: RequestIdInput!) {\n    withdrawCancellation(input: $input) {\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.WithdrawCancellationDocument,
  '\n  mutation OfferPartialRefund($input: OfferPartialRefundInput!) {\n    offerPartialRefund(input: $input) {\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.OfferPartialRefundDocument,
  '\n  mutation AnswerPartialRefund($input: AnswerRequestInput!) {\n    answerPartialRefund(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.AnswerPartialRefundDocument,
  '\n  mutation OpenDispute($input: OpenDisputeInput!) {\n    openDispute(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.OpenDisputeDocument,
  '\n  mutation ResolveDispute($input: ResolveDisputeInput!) {\n    resolveDispute(input: $input) {\n      order {\n        id\n        status\n        dispute {\n          id\n          status\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.ResolveDisputeDocument,
  '\n  query MyOrders($role: OrderRole!, $first: Int, $after: String) {\n    myOrders(role: $role, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          status\n          createdAt\n          dueAt\n          isLate\n          total {\n            formatted\n          }\n          sellerEarnings {\n            formatted\n          }\n          package {\n            tier\n            gigTitle\n          }\n          buyer {\n            id\n            displayName\n          }\n          seller {\n            id\n            displayName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n':
    types.MyOrdersDocument,
  '\n  query Profile($username: String!) {\n    userByUsername(username: $username) {\n      id\n      username\n      displayName\n      bio\n      country\n      memberSince\n      skills\n      languages {\n        code\n        level\n      }\n      isSeller\n      sellerProfile {\n        headline\n        sellerSince\n      }\n      sellerStats {\n        level\n        completedOrders\n        activeOrders\n        onTimeDeliveryRate\n        rating {\n          average\n          count\n        }\n      }\n    }\n  }\n':
    types.ProfileDocument,
  '\n  query ProfileGigs($username: String!, $first: Int, $after: String) {\n    userByUsername(username: $username) {\n      id\n      gigs(status: ACTIVE, first: $first, after: $after) {\n        edges {\n          node {\n            ...GigCard\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n':
    types.ProfileGigsDocument,
  '\n  query ProfileReviews($username: String!, $first: Int, $after: String) {\n    userByUsername(username: $username) {\n      id\n      reviewsReceived(first: $first, after: $after) {\n        totalCount\n        edges {\n          node {\n            id\n            rating\n            comment\n            sellerResponse\n            createdAt\n            author {\n              id\n              displayName\n            }\n            gig {\n              id\n              title\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n':
    types.ProfileReviewsDocument,
  '\n  fragment GigCard on Gig {\n    id\n    title\n    status\n    images\n    startingPrice {\n      formatted\n    }\n    rating {\n      average\n      count\n    }\n    seller {\n      id\n      username\n      displayName\n      sellerStats {\n        level\n      }\n    }\n  }\n':
    types.GigCardFragmentDoc,
  '\n  query SearchGigs($query: String, $filter: GigFilter, $sort: GigSort, $first: Int, $after: String) {\n    searchGigs(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...GigCard\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n':
    types.SearchGigsDocument,
  '\n  query SellerDashboard {\n    me {\n      id\n      sellerStats {\n        level\n        completedOrders\n        activeOrders\n        onTimeDeliveryRate\n        rating {\n          average\n          count\n        }\n      }\n      sellerEarnings {\n        pendingClearance {\n          formatted\n        }\n        cleared {\n          formatted\n        }\n        lifetime {\n          formatted\n        }\n      }\n      gigs(first: 50) {\n        totalCount\n        edges {\n          node {\n            id\n            title\n            status\n            startingPrice {\n              formatted\n            }\n            ordersInQueue\n            ordersCompleted\n          }\n        }\n      }\n    }\n  }\n':
    types.SellerDashboardDocument,
  '\n  query Viewer {\n    me {\n      id\n      username\n      displayName\n      isSeller\n      roles\n    }\n  }\n':
    types.ViewerDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation LogOut($input: LogOutInput!) {\n    logOut(input: $input) {\n      success\n    }\n  }\n',
): (typeof documents)['\n  mutation LogOut($input: LogOutInput!) {\n    logOut(input: $input) {\n      success\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query InboxCounts {\n    inboxCounts {\n      unreadConversations\n    }\n  }\n',
): (typeof documents)['\n  query InboxCounts {\n    inboxCounts {\n      unreadConversations\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation RefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) {\n      session {\n        accessToken\n        accessTokenExpiresAt\n        refreshToken\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation RefreshSession($input: RefreshSessionInput!) {\n    refreshSession(input: $input) {\n      session {\n        accessToken\n        accessTokenExpiresAt\n        refreshToken\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      session {\n        accessToken\n        accessTokenExpiresAt\n        refreshToken\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      session {\n        accessToken\n        accessTokenExpiresAt\n        refreshToken\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation LogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      session {\n        accessToken\n        accessTokenExpiresAt\n        refreshToken\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation LogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      session {\n        accessToken\n        accessTokenExpiresAt\n        refreshToken\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation BecomeSeller($input: BecomeSellerInput!) {\n    becomeSeller(input: $input) {\n      user {\n        id\n        isSeller\n        sellerProfile {\n          headline\n          sellerSince\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation BecomeSeller($input: BecomeSellerInput!) {\n    becomeSeller(input: $input) {\n      user {\n        id\n        isSeller\n        sellerProfile {\n          headline\n          sellerSince\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment ThreadMessage on Message {\n    id\n    body\n    sentAt\n    readAt\n    author {\n      id\n      username\n      displayName\n    }\n    offer {\n      id\n      status\n      description\n      price {\n        formatted\n      }\n      serviceFee {\n        formatted\n      }\n      total {\n        formatted\n      }\n      deliveryDays\n      revisions\n      skipRequirements\n      declineReason\n      expiresAt\n      createdAt\n      gig {\n        id\n        title\n      }\n      seller {\n        id\n      }\n      buyer {\n        id\n      }\n      order {\n        id\n      }\n    }\n  }\n',
): (typeof documents)['\n  fragment ThreadMessage on Message {\n    id\n    body\n    sentAt\n    readAt\n    author {\n      id\n      username\n      displayName\n    }\n    offer {\n      id\n      status\n      description\n      price {\n        formatted\n      }\n      serviceFee {\n        formatted\n      }\n      total {\n        formatted\n      }\n      deliveryDays\n      revisions\n      skipRequirements\n      declineReason\n      expiresAt\n      createdAt\n      gig {\n        id\n        title\n      }\n      seller {\n        id\n      }\n      buyer {\n        id\n      }\n      order {\n        id\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ConversationThread($id: ID!, $first: Int) {\n    conversation(id: $id) {\n      id\n      unreadCount\n      starred\n      archived\n      blocked\n      blockedByViewer\n      counterpart {\n        id\n        username\n        displayName\n      }\n      messages(first: $first) {\n        totalCount\n        edges {\n          node {\n            ...ThreadMessage\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ConversationThread($id: ID!, $first: Int) {\n    conversation(id: $id) {\n      id\n      unreadCount\n      starred\n      archived\n      blocked\n      blockedByViewer\n      counterpart {\n        id\n        username\n        displayName\n      }\n      messages(first: $first) {\n        totalCount\n        edges {\n          node {\n            ...ThreadMessage\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query OlderMessages($id: ID!, $first: Int, $after: String) {\n    conversation(id: $id) {\n      id\n      messages(first: $first, after: $after) {\n        edges {\n          node {\n            ...ThreadMessage\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query OlderMessages($id: ID!, $first: Int, $after: String) {\n    conversation(id: $id) {\n      id\n      messages(first: $first, after: $after) {\n        edges {\n          node {\n            ...ThreadMessage\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ConversationWith($userId: ID!) {\n    conversationWith(userId: $userId) {\n      id\n    }\n    user(id: $userId) {\n      id\n      username\n      displayName\n    }\n  }\n',
): (typeof documents)['\n  query ConversationWith($userId: ID!) {\n    conversationWith(userId: $userId) {\n      id\n    }\n    user(id: $userId) {\n      id\n      username\n      displayName\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      message {\n        ...ThreadMessage\n      }\n      conversation {\n        id\n        unreadCount\n        updatedAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      message {\n        ...ThreadMessage\n      }\n      conversation {\n        id\n        unreadCount\n        updatedAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation MarkConversationRead($input: ConversationIdInput!) {\n    markConversationRead(input: $input) {\n      conversation {\n        id\n        unreadCount\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation MarkConversationRead($input: ConversationIdInput!) {\n    markConversationRead(input: $input) {\n      conversation {\n        id\n        unreadCount\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation UpdateConversation($input: UpdateConversationInput!) {\n    updateConversation(input: $input) {\n      conversation {\n        id\n        starred\n        archived\n        blocked\n        blockedByViewer\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation UpdateConversation($input: UpdateConversationInput!) {\n    updateConversation(input: $input) {\n      conversation {\n        id\n        starred\n        archived\n        blocked\n        blockedByViewer\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment OfferCard on Offer {\n    id\n    status\n    description\n    price {\n      formatted\n    }\n    serviceFee {\n      formatted\n    }\n    total {\n      formatted\n    }\n    deliveryDays\n    revisions\n    skipRequirements\n    declineReason\n    expiresAt\n    createdAt\n    gig {\n      id\n      title\n    }\n    seller {\n      id\n    }\n    buyer {\n      id\n    }\n    order {\n      id\n    }\n  }\n',
): (typeof documents)['\n  fragment OfferCard on Offer {\n    id\n    status\n    description\n    price {\n      formatted\n    }\n    serviceFee {\n      formatted\n    }\n    total {\n      formatted\n    }\n    deliveryDays\n    revisions\n    skipRequirements\n    declineReason\n    expiresAt\n    createdAt\n    gig {\n      id\n      title\n    }\n    seller {\n      id\n    }\n    buyer {\n      id\n    }\n    order {\n      id\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query SellerActiveGigs {\n    me {\n      id\n      gigs(status: ACTIVE, first: 50) {\n        edges {\n          node {\n            id\n            title\n          }\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query SellerActiveGigs {\n    me {\n      id\n      gigs(status: ACTIVE, first: 50) {\n        edges {\n          node {\n            id\n            title\n          }\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SendOffer($input: SendOfferInput!) {\n    sendOffer(input: $input) {\n      offer {\n        ...OfferCard\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation SendOffer($input: SendOfferInput!) {\n    sendOffer(input: $input) {\n      offer {\n        ...OfferCard\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation AcceptOffer($input: OfferIdInput!) {\n    acceptOffer(input: $input) {\n      offer {\n        ...OfferCard\n      }\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation AcceptOffer($input: OfferIdInput!) {\n    acceptOffer(input: $input) {\n      offer {\n        ...OfferCard\n      }\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation DeclineOffer($input: DeclineOfferInput!) {\n    declineOffer(input: $input) {\n      offer {\n        ...OfferCard\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation DeclineOffer($input: DeclineOfferInput!) {\n    declineOffer(input: $input) {\n      offer {\n        ...OfferCard\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation WithdrawOffer($input: OfferIdInput!) {\n    withdrawOffer(input: $input) {\n      offer {\n        ...OfferCard\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation WithdrawOffer($input: OfferIdInput!) {\n    withdrawOffer(input: $input) {\n      offer {\n        ...OfferCard\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query DisputedOrders($first: Int, $after: String) {\n    disputedOrders(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          status\n          package {\n            gigTitle\n            name\n          }\n          buyer {\n            id\n            displayName\n          }\n          seller {\n            id\n            displayName\n          }\n          total {\n            formatted\n          }\n          dispute {\n            ...DisputeFields\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n',
): (typeof documents)['\n  query DisputedOrders($first: Int, $after: String) {\n    disputedOrders(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          status\n          package {\n            gigTitle\n            name\n          }\n          buyer {\n            id\n            displayName\n          }\n          seller {\n            id\n            displayName\n          }\n          total {\n            formatted\n          }\n          dispute {\n            ...DisputeFields\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query GigDetails($id: ID!) {\n    gig(id: $id) {\n      id\n      title\n      description\n      status\n      tags\n      images\n      category {\n        slug\n        name\n        parent {\n          slug\n          name\n        }\n      }\n      packages {\n        tier\n        name\n        description\n        price {\n          formatted\n        }\n        deliveryDays\n        revisions\n        features\n      }\n      extras {\n        id\n        kind\n        title\n        description\n        price {\n          formatted\n        }\n        days\n      }\n      faqs {\n        question\n        answer\n      }\n      requirements {\n        id\n        question\n        required\n      }\n      rating {\n        average\n        count\n      }\n      ordersCompleted\n      ordersInQueue\n      seller {\n        id\n        username\n        displayName\n        country\n        memberSince\n        sellerProfile {\n          headline\n        }\n        sellerStats {\n          level\n          completedOrders\n          onTimeDeliveryRate\n          rating {\n            average\n            count\n          }\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query GigDetails($id: ID!) {\n    gig(id: $id) {\n      id\n      title\n      description\n      status\n      tags\n      images\n      category {\n        slug\n        name\n        parent {\n          slug\n          name\n        }\n      }\n      packages {\n        tier\n        name\n        description\n        price {\n          formatted\n        }\n        deliveryDays\n        revisions\n        features\n      }\n      extras {\n        id\n        kind\n        title\n        description\n        price {\n          formatted\n        }\n        days\n      }\n      faqs {\n        question\n        answer\n      }\n      requirements {\n        id\n        question\n        required\n      }\n      rating {\n        average\n        count\n      }\n      ordersCompleted\n      ordersInQueue\n      seller {\n        id\n        username\n        displayName\n        country\n        memberSince\n        sellerProfile {\n          headline\n        }\n        sellerStats {\n          level\n          completedOrders\n          onTimeDeliveryRate\n          rating {\n            average\n            count\n          }\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query GigReviews($id: ID!, $first: Int, $after: String) {\n    gig(id: $id) {\n      id\n      reviews(first: $first, after: $after) {\n        totalCount\n        edges {\n          node {\n            id\n            rating\n            comment\n            sellerResponse\n            createdAt\n            author {\n              id\n              username\n              displayName\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query GigReviews($id: ID!, $first: Int, $after: String) {\n    gig(id: $id) {\n      id\n      reviews(first: $first, after: $after) {\n        totalCount\n        edges {\n          node {\n            id\n            rating\n            comment\n            sellerResponse\n            createdAt\n            author {\n              id\n              username\n              displayName\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query OrderQuote($gigId: ID!, $tier: PackageTier!, $extras: [OrderExtraInput!]) {\n    orderQuote(gigId: $gigId, tier: $tier, extras: $extras) {\n      subtotal {\n        formatted\n      }\n      serviceFee {\n        formatted\n      }\n      total {\n        formatted\n      }\n      deliveryDays\n      revisions\n    }\n  }\n',
): (typeof documents)['\n  query OrderQuote($gigId: ID!, $tier: PackageTier!, $extras: [OrderExtraInput!]) {\n    orderQuote(gigId: $gigId, tier: $tier, extras: $extras) {\n      subtotal {\n        formatted\n      }\n      serviceFee {\n        formatted\n      }\n      total {\n        formatted\n      }\n      deliveryDays\n      revisions\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation PlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation PlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation PublishGig($input: GigIdInput!) {\n    publishGig(input: $input) {\n      gig {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation PublishGig($input: GigIdInput!) {\n    publishGig(input: $input) {\n      gig {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Categories {\n    categories {\n      id\n      slug\n      name\n      children {\n        id\n        slug\n        name\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Categories {\n    categories {\n      id\n      slug\n      name\n      children {\n        id\n        slug\n        name\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Conversations($filter: ConversationFilter, $first: Int, $after: String) {\n    conversations(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          unreadCount\n          starred\n          archived\n          blocked\n          updatedAt\n          counterpart {\n            id\n            username\n            displayName\n          }\n          lastMessage {\n            id\n            body\n            offer {\n              id\n              price {\n                formatted\n              }\n            }\n            sentAt\n            author {\n              id\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Conversations($filter: ConversationFilter, $first: Int, $after: String) {\n    conversations(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          unreadCount\n          starred\n          archived\n          blocked\n          updatedAt\n          counterpart {\n            id\n            username\n            displayName\n          }\n          lastMessage {\n            id\n            body\n            offer {\n              id\n              price {\n                formatted\n              }\n            }\n            sentAt\n            author {\n              id\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CreateGig($input: CreateGigInput!) {\n    createGig(input: $input) {\n      gig {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation CreateGig($input: CreateGigInput!) {\n    createGig(input: $input) {\n      gig {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query OrderDetails($id: ID!) {\n    order(id: $id) {\n      id\n      number\n      status\n      createdAt\n      dueAt\n      isLate\n      revisionsUsed\n      revisionsRemaining\n      completedAt\n      cancelledAt\n      subtotal {\n        formatted\n      }\n      serviceFee {\n        formatted\n      }\n      total {\n        formatted\n      }\n      sellerEarnings {\n        formatted\n      }\n      refunded {\n        amountCents\n        formatted\n      }\n      autoCompletesAt\n      offer {\n        id\n      }\n      extras {\n        extraId\n        kind\n        title\n        quantity\n        total {\n          formatted\n        }\n        days\n      }\n      charges {\n        kind\n        subtotal {\n          formatted\n        }\n        serviceFee {\n          formatted\n        }\n        total {\n          formatted\n        }\n        at\n      }\n      ...OrderResolutionFields\n      package {\n        tier\n        name\n        deliveryDays\n        revisions\n        gigTitle\n        price {\n          formatted\n        }\n      }\n      gig {\n        id\n        requirements {\n          id\n          question\n          required\n        }\n        extras {\n          id\n          kind\n          title\n          description\n          price {\n            formatted\n          }\n          days\n        }\n      }\n      buyer {\n        id\n        username\n        displayName\n      }\n      seller {\n        id\n        username\n        displayName\n      }\n      requirements {\n        question\n        answer\n      }\n      deliveries {\n        id\n        message\n        attachments\n        deliveredAt\n      }\n      messages {\n        id\n        body\n        sentAt\n        author {\n          id\n          displayName\n        }\n      }\n      events {\n        type\n        at\n        note\n        actor {\n          id\n          displayName\n        }\n      }\n      review {\n        id\n        rating\n        communication\n        serviceAsDescribed\n        recommend\n        comment\n        sellerResponse\n        createdAt\n      }\n    }\n  }\n',
): (typeof documents)['\n  query OrderDetails($id: ID!) {\n    order(id: $id) {\n      id\n      number\n      status\n      createdAt\n      dueAt\n      isLate\n      revisionsUsed\n      revisionsRemaining\n      completedAt\n      cancelledAt\n      subtotal {\n        formatted\n      }\n      serviceFee {\n        formatted\n      }\n      total {\n        formatted\n      }\n      sellerEarnings {\n        formatted\n      }\n      refunded {\n        amountCents\n        formatted\n      }\n      autoCompletesAt\n      offer {\n        id\n      }\n      extras {\n        extraId\n        kind\n        title\n        quantity\n        total {\n          formatted\n        }\n        days\n      }\n      charges {\n        kind\n        subtotal {\n          formatted\n        }\n        serviceFee {\n          formatted\n        }\n        total {\n          formatted\n        }\n        at\n      }\n      ...OrderResolutionFields\n      package {\n        tier\n        name\n        deliveryDays\n        revisions\n        gigTitle\n        price {\n          formatted\n        }\n      }\n      gig {\n        id\n        requirements {\n          id\n          question\n          required\n        }\n        extras {\n          id\n          kind\n          title\n          description\n          price {\n            formatted\n          }\n          days\n        }\n      }\n      buyer {\n        id\n        username\n        displayName\n      }\n      seller {\n        id\n        username\n        displayName\n      }\n      requirements {\n        question\n        answer\n      }\n      deliveries {\n        id\n        message\n        attachments\n        deliveredAt\n      }\n      messages {\n        id\n        body\n        sentAt\n        author {\n          id\n          displayName\n        }\n      }\n      events {\n        type\n        at\n        note\n        actor {\n          id\n          displayName\n        }\n      }\n      review {\n        id\n        rating\n        communication\n        serviceAsDescribed\n        recommend\n        comment\n        sellerResponse\n        createdAt\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SubmitRequirements($input: SubmitRequirementsInput!) {\n    submitRequirements(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation SubmitRequirements($input: SubmitRequirementsInput!) {\n    submitRequirements(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation DeliverOrder($input: DeliverOrderInput!) {\n    deliverOrder(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation DeliverOrder($input: DeliverOrderInput!) {\n    deliverOrder(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation RequestRevision($input: RequestRevisionInput!) {\n    requestRevision(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation RequestRevision($input: RequestRevisionInput!) {\n    requestRevision(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation AcceptDelivery($input: OrderIdInput!) {\n    acceptDelivery(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation AcceptDelivery($input: OrderIdInput!) {\n    acceptDelivery(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CancelOrder($input: CancelOrderInput!) {\n    cancelOrder(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation CancelOrder($input: CancelOrderInput!) {\n    cancelOrder(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SendOrderMessage($input: SendOrderMessageInput!) {\n    sendOrderMessage(input: $input) {\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation SendOrderMessage($input: SendOrderMessageInput!) {\n    sendOrderMessage(input: $input) {\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation LeaveReview($input: LeaveReviewInput!) {\n    leaveReview(input: $input) {\n      review {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation LeaveReview($input: LeaveReviewInput!) {\n    leaveReview(input: $input) {\n      review {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation RespondToReview($input: RespondToReviewInput!) {\n    respondToReview(input: $input) {\n      review {\n        id\n        sellerResponse\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation RespondToReview($input: RespondToReviewInput!) {\n    respondToReview(input: $input) {\n      review {\n        id\n        sellerResponse\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment OrderResolutionFields on Order {\n    id\n    status\n    viewerActions\n    extensionRequests {\n      id\n      days\n      reason\n      status\n      respondBy\n      createdAt\n      answeredAt\n    }\n    cancellationRequests {\n      id\n      requestedBy {\n        id\n        displayName\n      }\n      reason\n      status\n      respondBy\n      createdAt\n      answeredAt\n    }\n    partialRefundOffers {\n      id\n      percent\n      amount {\n        formatted\n      }\n      status\n      respondBy\n      createdAt\n      answeredAt\n    }\n    dispute {\n      ...DisputeFields\n    }\n  }\n',
): (typeof documents)['\n  fragment OrderResolutionFields on Order {\n    id\n    status\n    viewerActions\n    extensionRequests {\n      id\n      days\n      reason\n      status\n      respondBy\n      createdAt\n      answeredAt\n    }\n    cancellationRequests {\n      id\n      requestedBy {\n        id\n        displayName\n      }\n      reason\n      status\n      respondBy\n      createdAt\n      answeredAt\n    }\n    partialRefundOffers {\n      id\n      percent\n      amount {\n        formatted\n      }\n      status\n      respondBy\n      createdAt\n      answeredAt\n    }\n    dispute {\n      ...DisputeFields\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment DisputeFields on Dispute {\n    id\n    openedBy {\n      id\n      displayName\n    }\n    reason\n    status\n    outcome\n    refundPercent\n    resolutionNote\n    createdAt\n    resolvedAt\n  }\n',
): (typeof documents)['\n  fragment DisputeFields on Dispute {\n    id\n    openedBy {\n      id\n      displayName\n    }\n    reason\n    status\n    outcome\n    refundPercent\n    resolutionNote\n    createdAt\n    resolvedAt\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation BuyExtras($input: BuyExtrasInput!) {\n    buyExtras(input: $input) {\n      order {\n        id\n        dueAt\n        revisionsRemaining\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation BuyExtras($input: BuyExtrasInput!) {\n    buyExtras(input: $input) {\n      order {\n        id\n        dueAt\n        revisionsRemaining\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation RequestExtension($input: RequestExtensionInput!) {\n    requestExtension(input: $input) {\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation RequestExtension($input: RequestExtensionInput!) {\n    requestExtension(input: $input) {\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation AnswerExtension($input: AnswerRequestInput!) {\n    answerExtension(input: $input) {\n      order {\n        id\n        dueAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation AnswerExtension($input: AnswerRequestInput!) {\n    answerExtension(input: $input) {\n      order {\n        id\n        dueAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation RequestCancellation($input: RequestCancellationInput!) {\n    requestCancellation(input: $input) {\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation RequestCancellation($input: RequestCancellationInput!) {\n    requestCancellation(input: $input) {\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation AnswerCancellation($input: AnswerRequestInput!) {\n    answerCancellation(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation AnswerCancellation($input: AnswerRequestInput!) {\n    answerCancellation(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation WithdrawCancellation($input: RequestIdInput!) {\n    withdrawCancellation(input: $input) {\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation WithdrawCancellation($input: RequestIdInput!) {\n    withdrawCancellation(input: $input) {\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation OfferPartialRefund($input: OfferPartialRefundInput!) {\n    offerPartialRefund(input: $input) {\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation OfferPartialRefund($input: OfferPartialRefundInput!) {\n    offerPartialRefund(input: $input) {\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation AnswerPartialRefund($input: AnswerRequestInput!) {\n    answerPartialRefund(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation AnswerPartialRefund($input: AnswerRequestInput!) {\n    answerPartialRefund(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation OpenDispute($input: OpenDisputeInput!) {\n    openDispute(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation OpenDispute($input: OpenDisputeInput!) {\n    openDispute(input: $input) {\n      order {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ResolveDispute($input: ResolveDisputeInput!) {\n    resolveDispute(input: $input) {\n      order {\n        id\n        status\n        dispute {\n          id\n          status\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation ResolveDispute($input: ResolveDisputeInput!) {\n    resolveDispute(input: $input) {\n      order {\n        id\n        status\n        dispute {\n          id\n          status\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query MyOrders($role: OrderRole!, $first: Int, $after: String) {\n    myOrders(role: $role, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          status\n          createdAt\n          dueAt\n          isLate\n          total {\n            formatted\n          }\n          sellerEarnings {\n            formatted\n          }\n          package {\n            tier\n            gigTitle\n          }\n          buyer {\n            id\n            displayName\n          }\n          seller {\n            id\n            displayName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n',
): (typeof documents)['\n  query MyOrders($role: OrderRole!, $first: Int, $after: String) {\n    myOrders(role: $role, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          status\n          createdAt\n          dueAt\n          isLate\n          total {\n            formatted\n          }\n          sellerEarnings {\n            formatted\n          }\n          package {\n            tier\n            gigTitle\n          }\n          buyer {\n            id\n            displayName\n          }\n          seller {\n            id\n            displayName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Profile($username: String!) {\n    userByUsername(username: $username) {\n      id\n      username\n      displayName\n      bio\n      country\n      memberSince\n      skills\n      languages {\n        code\n        level\n      }\n      isSeller\n      sellerProfile {\n        headline\n        sellerSince\n      }\n      sellerStats {\n        level\n        completedOrders\n        activeOrders\n        onTimeDeliveryRate\n        rating {\n          average\n          count\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Profile($username: String!) {\n    userByUsername(username: $username) {\n      id\n      username\n      displayName\n      bio\n      country\n      memberSince\n      skills\n      languages {\n        code\n        level\n      }\n      isSeller\n      sellerProfile {\n        headline\n        sellerSince\n      }\n      sellerStats {\n        level\n        completedOrders\n        activeOrders\n        onTimeDeliveryRate\n        rating {\n          average\n          count\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ProfileGigs($username: String!, $first: Int, $after: String) {\n    userByUsername(username: $username) {\n      id\n      gigs(status: ACTIVE, first: $first, after: $after) {\n        edges {\n          node {\n            ...GigCard\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ProfileGigs($username: String!, $first: Int, $after: String) {\n    userByUsername(username: $username) {\n      id\n      gigs(status: ACTIVE, first: $first, after: $after) {\n        edges {\n          node {\n            ...GigCard\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ProfileReviews($username: String!, $first: Int, $after: String) {\n    userByUsername(username: $username) {\n      id\n      reviewsReceived(first: $first, after: $after) {\n        totalCount\n        edges {\n          node {\n            id\n            rating\n            comment\n            sellerResponse\n            createdAt\n            author {\n              id\n              displayName\n            }\n            gig {\n              id\n              title\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ProfileReviews($username: String!, $first: Int, $after: String) {\n    userByUsername(username: $username) {\n      id\n      reviewsReceived(first: $first, after: $after) {\n        totalCount\n        edges {\n          node {\n            id\n            rating\n            comment\n            sellerResponse\n            createdAt\n            author {\n              id\n              displayName\n            }\n            gig {\n              id\n              title\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment GigCard on Gig {\n    id\n    title\n    status\n    images\n    startingPrice {\n      formatted\n    }\n    rating {\n      average\n      count\n    }\n    seller {\n      id\n      username\n      displayName\n      sellerStats {\n        level\n      }\n    }\n  }\n',
): (typeof documents)['\n  fragment GigCard on Gig {\n    id\n    title\n    status\n    images\n    startingPrice {\n      formatted\n    }\n    rating {\n      average\n      count\n    }\n    seller {\n      id\n      username\n      displayName\n      sellerStats {\n        level\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query SearchGigs($query: String, $filter: GigFilter, $sort: GigSort, $first: Int, $after: String) {\n    searchGigs(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...GigCard\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n',
): (typeof documents)['\n  query SearchGigs($query: String, $filter: GigFilter, $sort: GigSort, $first: Int, $after: String) {\n    searchGigs(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...GigCard\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query SellerDashboard {\n    me {\n      id\n      sellerStats {\n        level\n        completedOrders\n        activeOrders\n        onTimeDeliveryRate\n        rating {\n          average\n          count\n        }\n      }\n      sellerEarnings {\n        pendingClearance {\n          formatted\n        }\n        cleared {\n          formatted\n        }\n        lifetime {\n          formatted\n        }\n      }\n      gigs(first: 50) {\n        totalCount\n        edges {\n          node {\n            id\n            title\n            status\n            startingPrice {\n              formatted\n            }\n            ordersInQueue\n            ordersCompleted\n          }\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query SellerDashboard {\n    me {\n      id\n      sellerStats {\n        level\n        completedOrders\n        activeOrders\n        onTimeDeliveryRate\n        rating {\n          average\n          count\n        }\n      }\n      sellerEarnings {\n        pendingClearance {\n          formatted\n        }\n        cleared {\n          formatted\n        }\n        lifetime {\n          formatted\n        }\n      }\n      gigs(first: 50) {\n        totalCount\n        edges {\n          node {\n            id\n            title\n            status\n            startingPrice {\n              formatted\n            }\n            ordersInQueue\n            ordersCompleted\n          }\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Viewer {\n    me {\n      id\n      username\n      displayName\n      isSeller\n      roles\n    }\n  }\n',
): (typeof documents)['\n  query Viewer {\n    me {\n      id\n      username\n      displayName\n      isSeller\n      roles\n    }\n  }\n'];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> =
  TDocumentNode extends DocumentNode<infer TType, any> ? TType : never;
