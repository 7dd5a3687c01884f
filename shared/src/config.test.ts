import { describe, expect, it } from 'vitest';
import { ConfigError, env, parseConfig, z } from './config.js';

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
});
