import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ErrorCode } from '@gigmart/shared';
import {
  Kind,
  parse,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type SelectionSetNode,
} from 'graphql';

/**
 * Paths for outage errors.
 *
 * When a subgraph cannot be reached or does not answer in time, `SubgraphDataSource` answers the
 * fetch with one error (SERVICE_UNAVAILABLE, naming the service), which @apollo/gateway passes on
 * without a `path`: it gives a failed fetch's error a path only when the subgraph's own error had
 * one. GraphQL's rule is that a field error carries the path of the field it nulled, so a client
 * can tell which parts of its data are missing.
 *
 * What the gateway *did* know at the time is recorded here: the data source is told, for each
 * fetch, where in the response the plan merges its answer (`pathInIncomingRequest`, e.g.
 * `orders.@.gig`) and sends the fetch's operation (e.g. `_entities { ... on Gig { title } }`). So
 * a failed fetch says exactly which response positions it would have filled: those of the
 * subgraph the query planner actually chose, which settles fields that several subgraphs can
 * resolve (`@shareable`, `@provides`, `@override`) without guessing. After execution, the response
 * data is walked along those positions; every position that is null is missing because of the
 * failure. Walking top-down and stopping at the first null gives, when a non-null field nulled an
 * ancestor, the ancestor's path. When `data` itself is null, the root fields whose positions the
 * failed fetches would have filled are the paths.
 *
 * Limits (documented in the README): a list item or entity position under a failed fetch's merge
 * path that was null for another reason (the subgraph that returned the list said null) is counted
 * as missing too, since the response cannot tell the two apart; type conditions of the failed
 * fetch are not checked against each item's runtime type (the gateway removes `__typename` unless
 * the client asked for it); fields of another subgraph that are missing only because their
 * `@requires` inputs came from the failed one are not attributed; and a field the planner had to
 * rename in the subgraph operation (a generated `…__alias_N`) is not followed. An outage error for
 * which no position is found stays as it was, without a path.
 */

/** The most paths one outage error is repeated with; the rest are counted in one more error. */
export const MAX_OUTAGE_PATHS = 50;

type ResponsePath = readonly (string | number)[];

/** One fetch to a subgraph that failed as a whole: unreachable, or too slow. */
export interface FailedFetch {
  service: string;
  /** The outage error's message ("… is unavailable." or "… did not answer in time."). */
  message: string;
  /** Where the plan merges the fetch's answer: response names, `@` for list items; [] at the root. */
  mergePath: ResponsePath;
  /** The operation sent to the subgraph, and its variables (for `@skip`/`@include`). */
  query: string;
  variables: Record<string, unknown>;
}

/** The failed fetches of each request, by its context value (one object per request). */
const failedFetchesByRequest = new WeakMap<object, FailedFetch[]>();

export function recordFailedFetch(context: object, failure: FailedFetch): void {
  const list = failedFetchesByRequest.get(context);
  if (list) list.push(failure);
  else failedFetchesByRequest.set(context, [failure]);
}

export function failedFetchesOf(context: object): readonly FailedFetch[] {
  return failedFetchesByRequest.get(context) ?? [];
}

/** An error made by `SubgraphDataSource` for a subgraph it could not get an answer from. */
export function isOutageError(error: GraphQLFormattedError, service?: string): boolean {
  const extensions = error.extensions;
  return (
    extensions?.['code'] === ErrorCode.SERVICE_UNAVAILABLE &&
    typeof extensions['service'] === 'string' &&
    (service === undefined || extensions['service'] === service)
  );
}

/** The positions a set of fetches would have filled, as a tree of response names (list levels left out). */
interface PositionTree {
  children: Map<string, PositionTree>;
}

const tree = (): PositionTree => ({ children: new Map() });

function child(node: PositionTree, name: string): PositionTree {
  let next = node.children.get(name);
  if (!next) {
    next = tree();
    node.children.set(name, next);
  }
  return next;
}

/**
 * A merge path's response names: `@` (list items) dropped, and the type conditions a planner with
 * type-conditioned fetching adds (`field|[A,B]`, a leading empty element) removed.
 */
function mergePathNames(path: ResponsePath): string[] {
  const names: string[] = [];
  for (const element of path) {
    if (typeof element !== 'string' || element === '@' || element === '') continue;
    const name = element.replace(/\|\[[^\]]*\]$/, '');
    if (name) names.push(name);
  }
  return names;
}

function included(directives: readonly DirectiveNode[] | undefined, variables: Record<string, unknown>): boolean {
  for (const directive of directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const condition = directive.arguments?.find((a) => a.name.value === 'if')?.value;
    let value: unknown;
    if (condition?.kind === Kind.BOOLEAN) value = condition.value;
    else if (condition?.kind === Kind.VARIABLE) value = variables[condition.name.value];
    // An unknown condition counts as included: better an error too many than a missing one.
    if (typeof value !== 'boolean') continue;
    if (name === 'skip' ? value : !value) return false;
  }
  return true;
}

function addSelections(
  node: PositionTree,
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  spreading: ReadonlySet<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (!included(selection.directives, variables)) continue;
    if (selection.kind === Kind.FIELD) {
      // `__typename` is never missing: the gateway always knows it.
      if (selection.name.value === '__typename') continue;
      const position = child(node, (selection.alias ?? selection.name).value);
      if (selection.selectionSet) addSelections(position, selection.selectionSet, fragments, variables, spreading);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      addSelections(node, selection.selectionSet, fragments, variables, spreading);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (fragment && !spreading.has(name)) addSelections(node, fragment.selectionSet, fragments, variables, new Set([...spreading, name]));
    }
  }
}

/** Adds the positions one failed fetch would have filled. */
function addFetch(root: PositionTree, failure: FailedFetch): void {
  let document: DocumentNode;
  try {
    document = parse(failure.query, { noLocation: true });
  } catch {
    return;
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  let selectionSet: SelectionSetNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION) selectionSet ??= definition.selectionSet;
  }
  if (!selectionSet) return;
  const names = mergePathNames(failure.mergePath);
  if (names.length > 0) {
    // An entity fetch: `_entities(representations: …) { … on T { fields } }`, merged at the path.
    const entities = selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === '_entities');
    if (entities?.kind !== Kind.FIELD || !entities.selectionSet) return;
    selectionSet = entities.selectionSet;
  }
  let node = root;
  for (const name of names) node = child(node, name);
  addSelections(node, selectionSet, fragments, failure.variables, new Set());
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function visit(value: unknown, node: PositionTree, path: (string | number)[], found: (string | number)[][]): void {
  if (value === null || value === undefined) {
    found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => visit(item, node, [...path, index], found));
  } else if (isRecord(value)) {
    // In the response's order (the client's); a name the fetch filled but the client did not
    // select (a key the planner added) is not in the data and needs no error.
    for (const [key, item] of Object.entries(value)) {
      const next = node.children.get(key);
      if (next) visit(item, next, [...path, key], found);
    }
  }
}

/**
 * The response positions missing because of these failed fetches: the highest null position on
 * the way to each one they would have filled. `data` null: the root fields they would have filled,
 * in the order of `rootOrder` (the operation's root response names) when given.
 */
export function missingPaths(data: unknown, failures: readonly FailedFetch[], rootOrder: readonly string[] = []): (string | number)[][] {
  const root = tree();
  for (const failure of failures) addFetch(root, failure);
  const found: (string | number)[][] = [];
  if (data === null || data === undefined) {
    const names = [...root.children.keys()];
    const rank = (name: string) => {
      const index = rootOrder.indexOf(name);
      return index === -1 ? rootOrder.length : index;
    };
    for (const name of names.sort((a, b) => rank(a) - rank(b))) found.push([name]);
    return found;
  }
  visit(data, root, [], found);
  return found;
}

/**
 * The response's errors with each outage error replaced by one copy per missing position (same
 * message and extensions, each with its path): at most `maxPaths`, then one copy without a path
 * whose `extensions.omittedPaths` counts the others. Outage errors for the same service and
 * message (several failed fetches) become one set of paths. An outage error for which no missing
 * position is found, and every other error, is left as it is.
 */
export function withOutagePaths(
  data: unknown,
  errors: readonly GraphQLFormattedError[],
  failures: readonly FailedFetch[],
  options: { maxPaths?: number; rootOrder?: readonly string[] } = {},
): GraphQLFormattedError[] {
  const maxPaths = options.maxPaths ?? MAX_OUTAGE_PATHS;
  const key = (service: string, message: string) => JSON.stringify([service, message]);
  const groups = new Map<string, FailedFetch[]>();
  for (const failure of failures) {
    const k = key(failure.service, failure.message);
    groups.set(k, [...(groups.get(k) ?? []), failure]);
  }
  const replaced = new Set<string>();
  const result: GraphQLFormattedError[] = [];
  for (const error of errors) {
    const group = !error.path && isOutageError(error) ? key(error.extensions!['service'] as string, error.message) : undefined;
    const failed = group === undefined ? undefined : groups.get(group);
    if (group === undefined || !failed) {
      result.push(error);
      continue;
    }
    if (replaced.has(group)) continue; // another failed fetch of the same outage: its paths are in
    const paths = missingPaths(data, failed, options.rootOrder);
    if (paths.length === 0) {
      result.push(error);
      continue;
    }
    replaced.add(group);
    const { message, extensions, ...rest } = error;
    for (const path of paths.slice(0, maxPaths)) result.push({ message, ...rest, path, ...(extensions ? { extensions } : {}) });
    if (paths.length > maxPaths) result.push({ message, ...rest, extensions: { ...extensions, omittedPaths: paths.length - maxPaths } });
  }
  return result;
}

/** The operation's root response names, in order (fragments followed, conditions ignored). */
function rootResponseNames(document: DocumentNode | undefined, operationName: string | undefined): string[] {
  if (!document) return [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  const names: string[] = [];
  const collect = (selectionSet: SelectionSetNode, seen: ReadonlySet<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) names.push((selection.alias ?? selection.name).value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet, seen);
      else if (!seen.has(selection.name.value)) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet, new Set([...seen, selection.name.value]));
      }
    }
  };
  if (operation) collect(operation.selectionSet, new Set());
  return names;
}

/**
 * Gives outage errors their paths (see above) just before the response is sent, after the
 * gateway has executed the plan and masked the errors. Only requests with a failed fetch are
 * looked at.
 */
export function outagePathsPlugin<TContext extends BaseContext>(options: { maxPaths?: number } = {}): ApolloServerPlugin<TContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        willSendResponse: ({ response, contextValue, document, request }) => {
          const failures = failedFetchesOf(contextValue);
          if (failures.length === 0 || response.body.kind !== 'single') return Promise.resolve();
          const result = response.body.singleResult;
          if (!result.errors?.length) return Promise.resolve();
          result.errors = withOutagePaths(result.data, result.errors, failures, {
            ...options,
            rootOrder: rootResponseNames(document, request.operationName ?? undefined),
          });
          return Promise.resolve();
        },
      }),
  };
}
