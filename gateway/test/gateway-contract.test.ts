import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig, repoRoot, type HttpService } from '@gigmart/shared';
import { graphqlRequest, testLogger } from '@gigmart/shared/testing';
import {
  buildClientSchema,
  getIntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  Kind,
  parse,
  print,
  type DefinitionNode,
  type FieldDefinitionNode,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLSchema,
  type InputValueDefinitionNode,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway } from '../src/app.js';
import { composeModules, loadSubgraphSources } from '../src/compose.js';
import { gatewayEnvSchema } from '../src/config.js';

const CONTRACT_DIR = path.resolve(repoRoot, '..', 'shared', 'contract');

/** Every type-system definition of the contract files, by file. */
async function contractDefinitions(): Promise<Array<{ file: string; definition: DefinitionNode }>> {
  const files = (await readdir(CONTRACT_DIR)).filter((f) => f.endsWith('.graphql')).sort();
  const all: Array<{ file: string; definition: DefinitionNode }> = [];
  for (const file of files) {
    const document = parse(await readFile(path.join(CONTRACT_DIR, file), 'utf8'));
    for (const definition of document.definitions) all.push({ file, definition });
  }
  return all;
}

function compareArguments(
  where: string,
  expected: readonly InputValueDefinitionNode[] | undefined,
  actual: ReadonlyArray<{ name: string; type: unknown; defaultValue?: unknown }>,
  problems: string[],
  printDefault: (name: string) => string | undefined,
) {
  for (const arg of expected ?? []) {
    const found = actual.find((a) => a.name === arg.name.value);
    if (!found) {
      problems.push(`${where}(${arg.name.value}:) is missing`);
      continue;
    }
    if (String(found.type) !== print(arg.type)) problems.push(`${where}(${arg.name.value}:) is ${String(found.type)}, the contract says ${print(arg.type)}`);
    const expectedDefault = arg.defaultValue ? print(arg.defaultValue) : undefined;
    const actualDefault = printDefault(arg.name.value);
    if (expectedDefault !== actualDefault) {
      problems.push(`${where}(${arg.name.value}:) defaults to ${actualDefault ?? 'nothing'}, the contract says ${expectedDefault ?? 'nothing'}`);
    }
  }
}

/** What the public API lacks or types differently from the contract (descriptions aside). */
function contractProblems(schema: GraphQLSchema, definitions: Array<{ file: string; definition: DefinitionNode }>, introspection: IntrospectionQuery): string[] {
  const problems: string[] = [];
  const introspected = new Map(introspection.__schema.types.map((t) => [t.name, t]));
  const defaultOf = (typeName: string, fieldName: string | null, argName: string): string | undefined => {
    const type = introspected.get(typeName);
    if (!type) return undefined;
    if (type.kind === 'INPUT_OBJECT') return type.inputFields.find((f) => f.name === argName)?.defaultValue ?? undefined;
    if (type.kind === 'OBJECT' || type.kind === 'INTERFACE') {
      return type.fields.find((f) => f.name === fieldName)?.args.find((a) => a.name === argName)?.defaultValue ?? undefined;
    }
    return undefined;
  };

  for (const { file, definition } of definitions) {
    if (!('name' in definition) || !definition.name || definition.kind === Kind.DIRECTIVE_DEFINITION) continue;
    const name = definition.name.value;
    const type = schema.getType(name);
    const where = `${file}: ${name}`;
    if (!type) {
      problems.push(`${where} is missing`);
      continue;
    }
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_EXTENSION: {
        if (!isObjectType(type) && !isInterfaceType(type)) {
          problems.push(`${where} is not an object or interface type`);
          break;
        }
        const fields = type.getFields();
        for (const field of (definition.fields ?? []) as readonly FieldDefinitionNode[]) {
          const actual: GraphQLField<unknown, unknown> | undefined = fields[field.name.value];
          if (!actual) {
            problems.push(`${where}.${field.name.value} is missing`);
            continue;
          }
          if (String(actual.type) !== print(field.type)) problems.push(`${where}.${field.name.value} is ${String(actual.type)}, the contract says ${print(field.type)}`);
          compareArguments(`${where}.${field.name.value}`, field.arguments, actual.args, problems, (arg) => defaultOf(name, field.name.value, arg));
        }
        for (const iface of definition.interfaces ?? []) {
          if (isObjectType(type) && !type.getInterfaces().some((i) => i.name === iface.name.value)) problems.push(`${where} does not implement ${iface.name.value}`);
        }
        break;
      }
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      case Kind.INPUT_OBJECT_TYPE_EXTENSION: {
        if (!isInputObjectType(type)) {
          problems.push(`${where} is not an input type`);
          break;
        }
        const fields = type.getFields();
        compareArguments(
          where,
          definition.fields,
          Object.values(fields).map((f: GraphQLInputField) => ({ name: f.name, type: f.type })),
          problems,
          (field) => defaultOf(name, null, field),
        );
        break;
      }
      case Kind.ENUM_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_EXTENSION: {
        if (!isEnumType(type)) {
          problems.push(`${where} is not an enum`);
          break;
        }
        const values = new Set(type.getValues().map((v) => v.name));
        for (const value of definition.values ?? []) if (!values.has(value.name.value)) problems.push(`${where}.${value.name.value} is missing`);
        break;
      }
      case Kind.UNION_TYPE_DEFINITION:
      case Kind.UNION_TYPE_EXTENSION: {
        if (!isUnionType(type)) {
          problems.push(`${where} is not a union`);
          break;
        }
        const members = new Set(type.getTypes().map((t) => t.name));
        for (const member of definition.types ?? []) if (!members.has(member.name.value)) problems.push(`${where} lacks member ${member.name.value}`);
        break;
      }
      case Kind.SCALAR_TYPE_DEFINITION:
      case Kind.SCALAR_TYPE_EXTENSION:
        if (!isScalarType(type)) problems.push(`${where} is not a scalar`);
        break;
    }
  }
  return problems;
}

describe('the composed public API against the contract', () => {
  let dir: string;
  let gateway: HttpService | undefined;
  let composeErrors: string[] = [];
  let schema: GraphQLSchema | undefined;
  let introspection: IntrospectionQuery | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gigmart-supergraph-'));
    const config = parseConfig(gatewayEnvSchema, {});
    // Composed from the services' schema modules, exactly as `npm run compose` does: nothing runs.
    let result: ReturnType<typeof composeModules>;
    try {
      result = composeModules(await loadSubgraphSources(config));
    } catch (error) {
      result = { ok: false, errors: [error instanceof Error ? error.message : String(error)] };
    }
    if (!result.ok) {
      composeErrors = result.errors;
      return;
    }
    const file = path.join(dir, 'supergraph.graphql');
    await writeFile(file, result.supergraphSdl);
    // The public API is what a gateway serving that file answers to introspection, over HTTP.
    gateway = await startGateway({ config: parseConfig(gatewayEnvSchema, { SUPERGRAPH_PATH: file }), logger: testLogger, port: 0 });
    const res = await graphqlRequest<IntrospectionQuery>(`${gateway.url}/graphql`, getIntrospectionQuery({ inputValueDeprecation: true }));
    introspection = res.data!;
    schema = buildClientSchema(introspection);
  });
  afterAll(async () => {
    await gateway?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('composes without errors', () => {
    expect(composeErrors).toEqual([]);
  });

  it('has every type, field, argument, default and enum value of the contract, with the same types and nullability', async () => {
    expect(composeErrors).toEqual([]);
    expect(contractProblems(schema!, await contractDefinitions(), introspection!)).toEqual([]);
  });

  it('carries the contract descriptions', async () => {
    expect(composeErrors).toEqual([]);
    const problems: string[] = [];
    for (const { file, definition } of await contractDefinitions()) {
      if (!('name' in definition) || !definition.name || !('fields' in definition)) continue;
      const type = schema!.getType(definition.name.value);
      if (!type || !(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) continue;
      const fields = type.getFields();
      for (const field of (definition.fields ?? []) as ReadonlyArray<FieldDefinitionNode | InputValueDefinitionNode>) {
        const expected = field.description?.value;
        const actual = fields[field.name.value]?.description ?? undefined;
        if (expected && expected !== actual) problems.push(`${file}: ${definition.name.value}.${field.name.value} description differs`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('exposes no federation internals', () => {
    expect(composeErrors).toEqual([]);
    const names = Object.keys(schema!.getTypeMap());
    for (const internal of ['_Service', '_Entity', '_Any', 'join__Graph', 'link__Import']) expect(names).not.toContain(internal);
    const query = schema!.getQueryType()!.getFields();
    expect(query['_service']).toBeUndefined();
    expect(query['_entities']).toBeUndefined();
  });
});
