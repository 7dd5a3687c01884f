import getPort from 'get-port';

/** A free TCP port on 127.0.0.1 (reserved: get-port never hands the same port out twice in this process). */
export function freePort(): Promise<number> {
  return getPort({ host: '127.0.0.1', reserve: true });
}

/**
 * The port of each named process: the one asked for, or a free one on 127.0.0.1 where none (or 0)
 * is asked for. Known before anything starts, since every process is told where the others are.
 */
export async function resolvePorts<N extends string>(
  names: readonly N[],
  requested: Partial<Record<N, number>>,
): Promise<Record<N, number>> {
  const ports = {} as Record<N, number>;
  for (const name of names) {
    const port = requested[name];
    ports[name] = port ? port : await freePort();
  }
  return ports;
}
