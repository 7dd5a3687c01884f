import {
  Kind,
  OperationTypeNode,
  visit,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';

/**
 * How each subscription field is answered: the query field the gateway runs for every matching
 * event (with the event's id as `$__liveId`), so a pushed item is exactly what the same query would
 * answer the subscriber, fields of other subgraphs and authorization included. Pure.
 */
export const LIVE_FIELDS = {
  orderUpdated: { queryField: 'order', takesId: true },
  myOrderUpdated: { queryField: 'order', takesId: true },
  messageAdded: { queryField: 'message', takesId: true },
  notificationAdded: { queryField: 'notification', takesId: true },
  inboxCountsChanged: { queryField: 'inboxCounts', takesId: false },
} as const;
export type LiveField = keyof typeof LIVE_FIELDS;

export const LIVE_ID_VARIABLE = '__liveId';

export interface LiveOperation {
  field: LiveField;
  /** The field's arguments, with variables substituted. */
  args: Record<string, unknown>;
  /** The query run for each event. */
  query: DocumentNode;
  /**
   * The query field's response key in the query's result, to be renamed to the subscription's
   * (`message` → `messageAdded`) when the subscription gave no alias: the query adds none, so it
   * stays within the same alias limit as the subscription.
   */
  rename: { from: string; to: string } | null;
}

function argumentValues(field: FieldNode, variables: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const arg of field.arguments ?? []) {
    const v = arg.value;
    if (v.kind === Kind.VARIABLE) out[arg.name.value] = variables[v.name.value] ?? null;
    else if (v.kind === Kind.STRING || v.kind === Kind.INT) out[arg.name.value] = v.value;
    else if (v.kind === Kind.NULL) out[arg.name.value] = null;
  }
  return out;
}

/**
 * The subscription operation of a validated document as a query per event: the root field becomes
 * its query field under the same response key, taking `$__liveId`; variables only the root field
 * used are dropped. Null when the operation is not one of the live fields.
 */
export function liveOperation(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): LiveOperation | null {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation || operation.operation !== OperationTypeNode.SUBSCRIPTION) return null;
  const roots = operation.selectionSet.selections;
  const root = roots[0];
  if (roots.length !== 1 || root?.kind !== Kind.FIELD || !(root.name.value in LIVE_FIELDS)) return null;
  const field = root.name.value as LiveField;
  const plan = LIVE_FIELDS[field];
  const args: ArgumentNode[] = plan.takesId
    ? [
        {
          kind: Kind.ARGUMENT,
          name: { kind: Kind.NAME, value: 'id' },
          value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: LIVE_ID_VARIABLE } },
        },
      ]
    : [];
  const newRoot: FieldNode = {
    ...root,
    ...(root.alias ? { alias: root.alias } : { alias: undefined }),
    name: { kind: Kind.NAME, value: plan.queryField },
    arguments: args,
  };
  const liveIdDefinition: VariableDefinitionNode = {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: LIVE_ID_VARIABLE } },
    type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } } },
  };
  const queryOperation: OperationDefinitionNode = {
    ...operation,
    operation: OperationTypeNode.QUERY,
    selectionSet: { ...operation.selectionSet, selections: [newRoot] },
    variableDefinitions: [...(operation.variableDefinitions ?? []), ...(plan.takesId ? [liveIdDefinition] : [])],
  };
  let query: DocumentNode = {
    ...document,
    definitions: document.definitions
      .filter((d) => d.kind !== Kind.OPERATION_DEFINITION || d === operation)
      .map((d) => (d === operation ? queryOperation : d)),
  };
  // Drop the variables nothing uses any more (the root field's own, e.g. orderUpdated's $id).
  const used = new Set<string>();
  visit(query, {
    VariableDefinition: () => false,
    Variable: (node) => {
      used.add(node.name.value);
    },
  });
  query = visit(query, {
    VariableDefinition: (node) => (used.has(node.variable.name.value) ? undefined : null),
  });
  const rename = root.alias ? null : { from: plan.queryField, to: root.name.value };
  return { field, args: argumentValues(root, variables), query, rename };
}
