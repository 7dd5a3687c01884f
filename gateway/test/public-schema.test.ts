import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig, repoRoot, type HttpService } from '@gigmart/shared';
import { graphqlRequest, testLogger } from '@gigmart/shared/testing';
import { buildClientSchema, getIntrospectionQuery, printSchema, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway } from '../src/app.js';
import { composeModules, loadSubgraphSources } from '../src/compose.js';
import { gatewayEnvSchema } from '../src/config.js';
import { publicSchemaSdl } from '../src/public-schema.js';
import { compareSchemas, describeChanges } from '../src/schema-compat.js';

/**
 * schema.graphql, committed at the repository root, is the contract clients rely on. These tests
 * hold the services to it: the schema they compose may only add to it (a breaking change fails),
 * the file must be regenerated when it does (staleness), and a gateway serving the composition
 * answers introspection with exactly that schema.
 */
const committedPath = path.join(repoRoot, 'schema.graphql');

describe('schema.graphql, the published contract', () => {
  let composed: string | undefined;
  let supergraphSdl: string | undefined;
  let composeErrors: string[] = [];

  beforeAll(async () => {
    const result = composeModules(await loadSubgraphSources(parseConfig(gatewayEnvSchema, {})));
    if (result.ok) {
      supergraphSdl = result.supergraphSdl;
      composed = publicSchemaSdl(result.supergraphSdl);
    } else composeErrors = result.errors;
  });

  it('is composed from the services without errors', () => {
    expect(composeErrors).toEqual([]);
  });

  it('suffers no breaking change from the services', async () => {
    const { breaking } = await compareSchemas(await readFile(committedPath, 'utf8'), composed!);
    // A deliberate break is written with `npm run schema -- --accept-breaking` and recorded in the README's changelog.
    expect(breaking, `breaking changes against schema.graphql:\n${describeChanges(breaking)}`).toEqual([]);
  });

  it('is up to date', async () => {
    const committed = await readFile(committedPath, 'utf8');
    // On failure: run `npm run schema` and commit the file (then `npm run codegen -w clients/web`).
    expect(committed, 'schema.graphql is stale: run `npm run schema`').toBe(composed);
  });

  it("has none of federation's internals", async () => {
    const committed = await readFile(committedPath, 'utf8');
    for (const internal of ['_entities', '_service', 'join__', 'link__', '_Any', '_Entity']) expect(committed).not.toContain(internal);
  });

  describe('served by a gateway', () => {
    let dir: string;
    let gateway: HttpService | undefined;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'gigmart-supergraph-'));
      const file = path.join(dir, 'supergraph.graphql');
      await writeFile(file, supergraphSdl!);
      gateway = await startGateway({ config: parseConfig(gatewayEnvSchema, { SUPERGRAPH_PATH: file }), logger: testLogger, port: 0 });
    });
    afterAll(async () => {
      await gateway?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    it('answers introspection with exactly the committed schema, descriptions included', async () => {
      const res = await graphqlRequest<IntrospectionQuery>(
        `${gateway!.url}/graphql`,
        getIntrospectionQuery({ inputValueDeprecation: true }),
      );
      const served = printSchema(buildClientSchema(res.data!));
      const { breaking, dangerous, safe } = await compareSchemas(await readFile(committedPath, 'utf8'), served);
      expect(describeChanges([...breaking, ...dangerous, ...safe])).toBe('');
    });
  });
});

describe('the breaking-change check', () => {
  const published = `
    type Query { order(id: ID!): Order }
    type Order { id: ID! status: Status! note: String }
    enum Status { OPEN DONE }
  `;

  it('lets additions through (a new enum value only warns: an exhaustive switch in a client may miss it)', async () => {
    const next = published.replace('note: String', 'note: String total: Int').replace('DONE', 'DONE LATE');
    const { breaking, dangerous, safe } = await compareSchemas(published, next);
    expect(breaking).toEqual([]);
    expect(safe.map((c) => c.path)).toContain('Order.total');
    expect(dangerous.map((c) => c.path)).toEqual(['Status.LATE']);
  });

  it('catches removals, nullability changes and new required arguments', async () => {
    const next = `
      type Query { order(id: ID!, shop: ID!): Order }
      type Order { id: ID! status: Status }
      enum Status { OPEN }
    `;
    const { breaking } = await compareSchemas(published, next);
    expect(breaking.map((c) => c.path).sort()).toEqual(['Order.note', 'Order.status', 'Query.order.shop', 'Status.DONE']);
  });
});
