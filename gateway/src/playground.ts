import { createHash } from 'node:crypto';
import type { Express, Request, Response } from 'express';

/**
 * GraphiQL, served by the gateway itself: @graphql-yoga/render-graphiql ships it pre-bundled
 * (React, Monaco and its web workers included), so the page asks no other host for anything and
 * works with the network unplugged. Its assets are served from local routes under a content
 * hash (cached for good by browsers) instead of being inlined into a 9 MB page.
 */

const EXAMPLE_TABS = [
  {
    // Anonymous on purpose: GraphiQL 5 keeps a named operation's name when its text is replaced
    // by an anonymous query, and then refuses to run it ("Cannot infer operation").
    query: `# Example operations: one per tab. Run with Ctrl-Enter or the ▶ button.
# The category tree, from the gigs service.
{
  categories {
    slug
    name
    children {
      slug
      name
    }
  }
}
`,
  },
  {
    query: `# Active gigs matching words, with filters and a sort. Next page: pass after: <pageInfo.endCursor>.
query SearchGigs($query: String, $filter: GigFilter, $sort: GigSort, $first: Int, $after: String) {
  searchGigs(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount
    edges {
      node {
        slug
        title
        startingPrice { formatted }
        seller { username displayName }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
    variables: JSON.stringify(
      {
        query: 'logo',
        filter: { categorySlug: 'graphics-design', maxPriceCents: 20000, maxDeliveryDays: 7 },
        sort: 'RELEVANCE',
        first: 10,
      },
      null,
      2,
    ),
  },
  {
    query: `# Sign in to get an access token (or use signUp). Copy session.accessToken into the
# Headers tab of the "Me" example as: { "Authorization": "Bearer <accessToken>" }
mutation LogIn($input: LogInInput!) {
  logIn(input: $input) {
    session { accessToken refreshToken }
    user { id username }
    userErrors { field message code }
  }
}
`,
    variables: JSON.stringify({ input: { login: 'you@example.com', password: 'your password' } }, null, 2),
  },
  {
    query: `# Who am I? Needs "Authorization": "Bearer <accessToken>" in the Headers tab below.
query Me {
  me {
    id
    username
    displayName
    isSeller
  }
}
`,
    headers: JSON.stringify({ Authorization: 'Bearer <paste your access token here>' }, null, 2),
  },
];

/**
 * Yoga's GraphiQL passes its own plugin list (the query builder), which drops GraphiQL's default
 * history plugin although the bundle contains it: put it back. The bundle is minified, so this
 * finds the plugin by its title; if a later version changes shape the page is served unchanged
 * (without history), and the browser test says so.
 */
export function withHistoryPlugin(js: string): string {
  const history = /([A-Za-z_$][\w$]*)=\{title:"History"/.exec(js)?.[1];
  const plugins = /shouldPersistHeaders:!0,plugins:\[([A-Za-z_$][\w$]*)\]/;
  if (!history || !plugins.test(js)) return js;
  return js.replace(plugins, (_match, explorer: string) => `shouldPersistHeaders:!0,plugins:[${explorer},${history}]`);
}

interface Asset {
  body: Buffer;
  type: string;
}

interface Assets {
  version: string;
  files: Map<string, Asset>;
}

let loaded: Promise<Assets> | null = null;

/** Loaded on the first visit: nine megabytes a gateway that nobody browses need not hold. */
function loadAssets(): Promise<Assets> {
  loaded ??= (async () => {
    const bundle = await import('@graphql-yoga/render-graphiql/graphiql');
    const version = createHash('sha256').update(bundle.js).update(bundle.css).digest('hex').slice(0, 12);
    const js = (text: string): Asset => ({ body: Buffer.from(text), type: 'text/javascript; charset=utf-8' });
    const workers = {
      editorWorkerService: `/playground/${version}/worker-editor.js`,
      json: `/playground/${version}/worker-json.js`,
      graphql: `/playground/${version}/worker-graphql.js`,
    };
    const options = { title: 'Gigmart GraphQL', endpoint: '/graphql', defaultTabs: EXAMPLE_TABS };
    const files = new Map<string, Asset>([
      ['graphiql.js', js(withHistoryPlugin(bundle.js))],
      ['graphiql.css', { body: Buffer.from(bundle.css), type: 'text/css; charset=utf-8' }],
      ['worker-editor.js', js(bundle.editorWorkerService)],
      ['worker-json.js', js(bundle.jsonWorker)],
      ['worker-graphql.js', js(bundle.graphqlWorker)],
      [
        'environment.js',
        js(
          `self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: function (_moduleId, label) { return ${JSON.stringify(workers)}[label]; } };`,
        ),
      ],
      ['start.js', js(`YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${JSON.stringify(options)});`)],
      ['favicon.ico', { body: Buffer.from(bundle.favicon.replace(/^data:[^,]*;base64,/, ''), 'base64'), type: 'image/x-icon' }],
    ]);
    return { version, files };
  })();
  return loaded;
}

function page(version: string): string {
  const asset = (name: string) => `/playground/${version}/${name}`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Gigmart GraphQL playground</title>
    <link rel="icon" href="${asset('favicon.ico')}" />
    <link rel="stylesheet" href="${asset('graphiql.css')}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>The playground needs JavaScript. The API itself is at POST /graphql.</noscript>
    <div id="root" style="height: 100vh"></div>
    <script src="${asset('environment.js')}"></script>
    <script src="${asset('graphiql.js')}"></script>
    <script src="${asset('start.js')}"></script>
  </body>
</html>
`;
}

/**
 * Only this origin: a browser enforces that the page loads and sends nothing elsewhere. Monaco
 * injects styles and starts workers; GraphiQL shows images as data: URLs.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

async function sendPage(_req: Request, res: Response): Promise<void> {
  const { version } = await loadAssets();
  res
    .status(200)
    .set({ 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CONTENT_SECURITY_POLICY, 'cache-control': 'no-cache' })
    .send(page(version));
}

/** True for a browser navigating to the URL (it prefers HTML); API clients ask for JSON or anything. */
function wantsHtml(req: Request): boolean {
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

export function playgroundRoutes(app: Express): void {
  app.get('/', (req, res, next) => {
    sendPage(req, res).catch(next);
  });
  app.get('/graphql', (req, res, next) => {
    if (!wantsHtml(req)) return next();
    sendPage(req, res).catch(next);
  });
  app.get('/favicon.ico', (_req, res, next) => {
    loadAssets()
      .then(({ files }) => {
        const icon = files.get('favicon.ico')!;
        res.set({ 'content-type': icon.type, 'cache-control': 'public, max-age=86400' }).send(icon.body);
      })
      .catch(next);
  });
  app.get('/playground/:version/:file', (req, res, next) => {
    loadAssets()
      .then(({ version, files }) => {
        const file = files.get(req.params.file);
        if (req.params.version !== version || !file) {
          res.status(404).json({ error: 'Not found' });
          return;
        }
        res.set({ 'content-type': file.type, 'cache-control': 'public, max-age=31536000, immutable' }).send(file.body);
      })
      .catch(next);
  });
}
