import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { ErrorNotice } from '../errors';

export const Categories = graphql(`
  query Categories {
    categories {
      id
      slug
      name
      children {
        id
        slug
        name
      }
    }
  }
`);

export function HomePage() {
  const [{ data, fetching, error }] = useQuery({ query: Categories });
  return (
    <>
      <section className="hero">
        <h1>Find the right freelancer for the job</h1>
        <p>Logo design, writing, development and more: browse a category or search above.</p>
      </section>
      <ErrorNotice error={error} />
      {fetching && !data && <p className="muted">Loading categories…</p>}
      <section className="category-grid" aria-label="Categories">
        {data?.categories.map((category) => (
          <div key={category.id} className="category">
            <h2>
              <Link to={`/search?category=${encodeURIComponent(category.slug)}`}>{category.name}</Link>
            </h2>
            <ul>
              {category.children.map((child) => (
                <li key={child.id}>
                  <Link to={`/search?category=${encodeURIComponent(child.slug)}`}>{child.name}</Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
    </>
  );
}
