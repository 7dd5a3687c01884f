import { describe, expect, it } from 'vitest';
import { baseEnvSchema, ConfigError, env, parseConfig, subgraphEnvSchema, z } from './config.js';

describe('parseConfig', () => {
  const schema = z.object({ PORT: env.port(4000), FLAG: env.bool(false) });

  it('applies defaults and coerces values', () => {
    expect(parseConfig(schema, {})).toEqual({ PORT: 4000, FLAG: false });
    expect(parseConfig(schema, { PORT: '5000', FLAG: 'true' })).toEqual({ PORT: 5000, FLAG: true });
  });

  it('names the variable and the bad value in one line', () => {
    let error: unknown;
    try {
      parseConfig(schema, { PORT: 'abc' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe('Invalid configuration: PORT: expected a port number (got "abc")');
    expect((error as Error).message).not.toContain('\n');
    expect(() => parseConfig(schema, { PORT: '70000' })).toThrow(/PORT: expected a port from 0 to 65535/);
  });

  it('requires MONGO_URL of a subgraph, empty counting as missing, and adds the hint given', () => {
    const hint = { MONGO_URL: '`npm run dev -w services/gigs` runs gigs with a local database' };
    const expected =
      'Invalid configuration: MONGO_URL: required: the MongoDB this process uses (it is missing); `npm run dev -w services/gigs` runs gigs with a local database';
    expect(() => parseConfig(subgraphEnvSchema, {}, hint)).toThrow(expected);
    expect(() => parseConfig(subgraphEnvSchema, { MONGO_URL: '' }, hint)).toThrow(expected);
    expect(() => parseConfig(subgraphEnvSchema, { MONGO_URL: 'localhost:27017' })).toThrow(
      'Invalid configuration: MONGO_URL: expected a mongodb:// or mongodb+srv:// URL (got "localhost:27017")',
    );
    expect(parseConfig(subgraphEnvSchema, { MONGO_URL: 'mongodb://127.0.0.1:27017/' }).MONGO_URL).toBe('mongodb://127.0.0.1:27017/');
    // Processes without a database of their own (the gateway, npm start) take it as optional.
    expect(parseConfig(baseEnvSchema, { MONGO_URL: '' }).MONGO_URL).toBeUndefined();
  });
});
