/**
 * @gigmart/stack: the whole marketplace, started one way from everywhere.
 *
 *   startStack({ mode: 'in-process', ... })  every subgraph and the gateway in this process (tests,
 *                                           scripts/measure-propagation.ts)
 *   startStack({ mode: 'processes', ... })   each in its own child process, watched and restarted
 *                                           (npm start, npm run dev, the benchmark)
 *
 * Each mode's module is loaded only when used: the process mode does not load the services.
 */
import type { InProcessStack, InProcessStackOptions } from './in-process.js';
import type { ProcessStack, ProcessStackOptions } from './child-processes.js';

export {
  PROCESSES,
  PROCESS_NAMES,
  SUBGRAPH_NAMES,
  addressEnv,
  localUrl,
  type ProcessDefinition,
  type ProcessName,
  type SubgraphName,
} from './processes.js';
export { freePort, resolvePorts } from './ports.js';
export { createOutput, defaultOutputFormat, timed, type OutputFormat, type OutputOptions, type StackOutput } from './output.js';
export {
  DEFAULT_RESTART_POLICY,
  StackStartError,
  StackStoppedError,
  type ProcessStack,
  type ProcessStackOptions,
  type RestartPolicy,
} from './child-processes.js';
export type { InProcessStack, InProcessStackOptions, SubgraphCallCounter } from './in-process.js';

export type StackOptions = InProcessStackOptions | ProcessStackOptions;
export type Stack = InProcessStack | ProcessStack;

export function startStack(options: InProcessStackOptions): Promise<InProcessStack>;
export function startStack(options: ProcessStackOptions): Promise<ProcessStack>;
export async function startStack(options: StackOptions): Promise<Stack> {
  if (options.mode === 'in-process') return (await import('./in-process.js')).startInProcessStack(options);
  return (await import('./child-processes.js')).startProcessStack(options);
}
