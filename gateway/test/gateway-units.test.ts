import { ConfigError, federationModule, parseConfig, subgraphDocument } from '@gigmart/shared';
import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeModules } from '../src/compose.js';
import { gatewayEnvSchema, workerCount } from '../src/config.js';
import { withHistoryPlugin } from '../src/playground.js';

describe('gateway settings', () => {
  it('has the documented defaults', () => {
    const config = parseConfig(gatewayEnvSchema, {});
    expect(config).toMatchObject({
      MAX_DEPTH: 10,
      MAX_ALIASES: 15,
      MAX_COST: 5000,
      MAX_TOKENS: 2000,
      MAX_DIRECTIVES: 50,
      MAX_BODY_BYTES: 102400,
      RATE_LIMIT_PER_MINUTE: 300,
      TRUST_PROXY_HOPS: 0,
      SUBGRAPH_TIMEOUT_MS: 10000,
      SUBGRAPH_KEEPALIVE_MS: 30000,
      SUBGRAPH_DEDUPLICATE: true,
    });
    expect(config.CORS_ORIGINS).toBeUndefined();
  });

  it('runs one process outside production, one per core in production, or as many as GATEWAY_WORKERS says', () => {
    expect(workerCount(parseConfig(gatewayEnvSchema, {}), 8)).toBe(1);
    expect(workerCount(parseConfig(gatewayEnvSchema, { NODE_ENV: 'production' }), 8)).toBe(8);
    expect(workerCount(parseConfig(gatewayEnvSchema, { NODE_ENV: 'production', GATEWAY_WORKERS: '3' }), 8)).toBe(3);
    expect(workerCount(parseConfig(gatewayEnvSchema, { GATEWAY_WORKERS: 'auto' }), 8)).toBe(8);
    expect(() => parseConfig(gatewayEnvSchema, { GATEWAY_WORKERS: '0' })).toThrow(
      /GATEWAY_WORKERS: expected a whole number from 1 to 256, or auto/,
    );
  });

  it('reads comma-separated origins and refuses what is not an origin, naming the variable', () => {
    expect(parseConfig(gatewayEnvSchema, { CORS_ORIGINS: ' https://a.example ,http://b.example:8080,' }).CORS_ORIGINS).toEqual([
      'https://a.example',
      'http://b.example:8080',
    ]);
    expect(() => parseConfig(gatewayEnvSchema, { CORS_ORIGINS: 'https://a.example/path' })).toThrow(ConfigError);
    expect(() => parseConfig(gatewayEnvSchema, { CORS_ORIGINS: 'https://a.example/path' })).toThrow(/^Invalid configuration: CORS_ORIGINS/);
    expect(() => parseConfig(gatewayEnvSchema, { MAX_DEPTH: '0' })).toThrow(/MAX_DEPTH: expected at least 1/);
  });
});

describe('subgraph documents from schema modules', () => {
  const a = parse(`
    type Thing @key(fields: "id") {
      id: ID!
    }
    type Query {
      thing(id: ID!): Thing
    }
  `);
  const b = parse(`
    type Money @shareable {
      cents: Int!
    }
    extend type Query {
      price: Money
    }
  `);

  // A service links federation once, first in its modules (federationModule); the others have no @link.
  const link = federationModule(['@key', '@shareable']);

  it("is the service's modules in order, with the one federation link first", () => {
    const printed = print(subgraphDocument([link, { typeDefs: a }, { typeDefs: b }]));
    expect(printed.match(/@link\(/g)).toHaveLength(1);
    expect(printed.indexOf('@link(')).toBeLessThan(printed.indexOf('type Thing'));
    expect(printed).toContain('import: ["@key", "@shareable"]');
    expect(printed).toContain('type Thing');
    expect(printed).toContain('extend type Query');
  });

  it('composes modules into a supergraph, or returns the composer messages', () => {
    const ok = composeModules([{ name: 'things', url: 'http://things/graphql', modules: [link, { typeDefs: a }, { typeDefs: b }] }]);
    expect(ok.ok).toBe(true);
    const clash = parse(`
      type Money {
        cents: String!
      }
      type Query {
        other: Money
      }
    `);
    const failed = composeModules([
      { name: 'things', url: 'http://things/graphql', modules: [link, { typeDefs: a }, { typeDefs: b }] },
      { name: 'others', url: 'http://others/graphql', modules: [federationModule(['@key']), { typeDefs: clash }] },
    ]);
    expect(failed.ok).toBe(false);
    expect(failed.ok ? [] : failed.errors.join('\n')).toMatch(/Money/);
  });
});

describe('the playground bundle', () => {
  it('adds the history plugin next to the one Yoga passes', () => {
    const minified = 'const ODe={title:"History",icon:x};H.jsx(_w,{shouldPersistHeaders:!0,plugins:[r],schemaDescription:!0})';
    expect(withHistoryPlugin(minified)).toContain('shouldPersistHeaders:!0,plugins:[r,ODe]');
  });

  it('leaves a bundle of another shape as it is', () => {
    const other = 'const X={title:"Something"};plugins:[r]';
    expect(withHistoryPlugin(other)).toBe(other);
  });
});
