import { createContext, useContext, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { graphql } from './gql';
import type { ViewerQuery } from './gql/graphql';

const Viewer = graphql(`
  query Viewer {
    me {
      id
      username
      displayName
      isSeller
      roles
    }
  }
`);

export type Me = NonNullable<ViewerQuery['me']>;

interface ViewerState {
  me: Me | null;
  loading: boolean;
  refetch: () => void;
}

const ViewerContext = createContext<ViewerState>({ me: null, loading: true, refetch: () => {} });

/** The signed-in member (or null), fetched once per identity and shared by every page. */
export function ViewerProvider({ children }: { children: ReactNode }) {
  const [{ data, fetching }, refetch] = useQuery({ query: Viewer });
  const value: ViewerState = {
    me: data?.me ?? null,
    loading: fetching && !data,
    refetch: () => refetch({ requestPolicy: 'network-only' }),
  };
  return <ViewerContext.Provider value={value}>{children}</ViewerContext.Provider>;
}

export const useViewer = (): ViewerState => useContext(ViewerContext);
