import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { addressEnv, PROCESS_NAMES, PROCESSES, resolvePorts } from '../src/index.js';

describe('the list of processes', () => {
  it('gives every process its own default port and port variable', () => {
    const ports = PROCESS_NAMES.map((name) => PROCESSES[name].defaultPort);
    expect(new Set(ports).size).toBe(ports.length);
    expect(PROCESSES.gateway).toMatchObject({ portVariable: 'GATEWAY_PORT', defaultPort: 4000, urlVariable: 'GATEWAY_URL' });
    expect(PROCESSES.orders).toMatchObject({ dir: 'services/orders', portVariable: 'ORDERS_PORT', defaultPort: 4003 });
  });

  it('tells every process where the others are', () => {
    expect(addressEnv({ users: 5001, gateway: 5000, web: 5173 })).toEqual({
      USERS_PORT: '5001',
      USERS_URL: 'http://127.0.0.1:5001',
      GATEWAY_PORT: '5000',
      GATEWAY_URL: 'http://127.0.0.1:5000',
      WEB_PORT: '5173',
      WEB_URL: 'http://127.0.0.1:5173',
    });
  });

  it('keeps the ports asked for and finds free, distinct ones for the rest', async () => {
    const ports = await resolvePorts(PROCESS_NAMES, { gateway: 4321, users: 0 });
    expect(ports.gateway).toBe(4321);
    const free = PROCESS_NAMES.filter((name) => name !== 'gateway').map((name) => ports[name]);
    expect(new Set(free).size).toBe(free.length);
    // Each one can really be listened on.
    for (const port of free) {
      await new Promise<void>((resolve, reject) => {
        const server = createServer().once('error', reject);
        server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
      });
    }
  });
});
