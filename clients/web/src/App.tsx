import { useMemo, useState, type FormEvent } from 'react';
import { BrowserRouter, Link, NavLink, Route, Routes, useLocation, useNavigate, useSearchParams } from 'react-router';
import { Provider, useMutation } from 'urql';
import { auth, useIdentity } from './auth';
import { createClient } from './client';
import { graphql } from './gql';
import { ViewerProvider, useViewer } from './viewer';
import { PageErrorBoundary } from './errors';
import { InboxLink, NotificationBell, useInboxCounts } from './notifications';
import { HomePage } from './pages/Home';
import { SearchPage } from './pages/Search';
import { GigPage } from './pages/Gig';
import { LogInPage, SignUpPage } from './pages/Auth';
import { BecomeSellerPage } from './pages/BecomeSeller';
import { SellingPage } from './pages/Selling';
import { NewGigPage } from './pages/NewGig';
import { OrdersPage } from './pages/Orders';
import { OrderPage } from './pages/Order';
import { ProfilePage } from './pages/Profile';
import { InboxPage } from './pages/Inbox';
import { ConversationPage, NewConversationPage } from './pages/Conversation';
import { EarningsPage } from './pages/Earnings';
import { DisputesPage } from './pages/Disputes';

export function App() {
  // A new client (so an empty cache) whenever the signed-in person changes: nothing one member
  // saw stays on screen for the next.
  const identity = useIdentity();
  const client = useMemo(() => createClient(), [identity]);
  return (
    <Provider value={client}>
      <ViewerProvider>
        <BrowserRouter>
          <Header />
          <main>
            <Pages />
          </main>
        </BrowserRouter>
      </ViewerProvider>
    </Provider>
  );
}

/** The page for the address; a page that fails to render says so instead of going blank. */
function Pages() {
  const { pathname } = useLocation();
  return (
    <PageErrorBoundary resetKey={pathname}>
      <Routes>
        <Route path="/" element={<HomePage />} />
        <Route path="/search" element={<SearchPage />} />
        <Route path="/gigs/:id" element={<GigPage />} />
        <Route path="/signup" element={<SignUpPage />} />
        <Route path="/login" element={<LogInPage />} />
        <Route path="/become-seller" element={<BecomeSellerPage />} />
        <Route path="/selling" element={<SellingPage />} />
        <Route path="/selling/new" element={<NewGigPage />} />
        <Route path="/orders" element={<OrdersPage />} />
        <Route path="/orders/:id" element={<OrderPage />} />
        <Route path="/users/:username" element={<ProfilePage />} />
        <Route path="/inbox" element={<InboxPage />} />
        <Route path="/inbox/with/:userId" element={<NewConversationPage />} />
        <Route path="/inbox/:id" element={<ConversationPage />} />
        <Route path="/earnings" element={<EarningsPage />} />
        <Route path="/admin/disputes" element={<DisputesPage />} />
        <Route
          path="*"
          element={
            <p>
              Page not found. <Link to="/">Back to the marketplace</Link>
            </p>
          }
        />
      </Routes>
    </PageErrorBoundary>
  );
}

const LogOut = graphql(`
  mutation LogOut($input: LogOutInput!) {
    logOut(input: $input) {
      success
    }
  }
`);

/** The member's part of the header: the inbox and the bell with their live counts. */
function LiveNav() {
  const { counts, refetch } = useInboxCounts();
  return (
    <>
      <InboxLink unread={counts.unreadConversations} />
      <NotificationBell unread={counts.unreadNotifications} onRead={refetch} />
    </>
  );
}

function Header() {
  const { me } = useViewer();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [query, setQuery] = useState(params.get('q') ?? '');
  const [, logOut] = useMutation(LogOut);

  function search(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (query.trim()) next.set('q', query.trim());
    void navigate(`/search?${next.toString()}`);
  }

  async function signOut() {
    const refreshToken = auth.refreshToken();
    // Revoke the session on the server too, then forget it here whatever the answer.
    if (refreshToken) await logOut({ input: { refreshToken } });
    auth.signOut();
    void navigate('/');
  }

  return (
    <header className="site-header">
      <Link to="/" className="brand">
        gigmart<span>.</span>
      </Link>
      <form className="header-search" role="search" onSubmit={search}>
        <input
          type="search"
          aria-label="Search gigs"
          placeholder="What service are you looking for?"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="submit">Search</button>
      </form>
      <nav>
        {me ? (
          <>
            <LiveNav />
            <NavLink to="/orders">Orders</NavLink>
            {me.isSeller ? <NavLink to="/selling">Selling</NavLink> : <NavLink to="/become-seller">Become a seller</NavLink>}
            {me.isSeller && <NavLink to="/earnings">Earnings</NavLink>}
            {me.roles.includes('ADMIN') && <NavLink to="/admin/disputes">Disputes</NavLink>}
            <Link to={`/users/${me.username}`} className="who" data-testid="viewer">
              @{me.username}
            </Link>
            <button type="button" className="link" onClick={() => void signOut()}>
              Log out
            </button>
          </>
        ) : (
          <>
            <NavLink to="/login">Log in</NavLink>
            <NavLink to="/signup" className="button">
              Join
            </NavLink>
          </>
        )}
      </nav>
    </header>
  );
}
