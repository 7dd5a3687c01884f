/** Each deployable process with its configuration schema (the one its main.ts validates at boot). */
import { gatewayEnvSchema } from '@gigmart/gateway';
import { gigsEnvSchema } from '@gigmart/gigs';
import { inboxEnvSchema } from '@gigmart/inbox';
import { mediaEnvSchema } from '@gigmart/media';
import { ordersEnvSchema } from '@gigmart/orders';
import { PROCESSES, SUBGRAPH_NAMES, type ProcessName } from '@gigmart/stack';
import { usersEnvSchema } from '@gigmart/users';
import type { z } from 'zod';

export type Deployable = Exclude<ProcessName, 'web'>;
export const DEPLOYABLE: readonly Deployable[] = [...SUBGRAPH_NAMES, 'gateway'];

const schemas: Record<Deployable, z.ZodObject> = {
  users: usersEnvSchema,
  gigs: gigsEnvSchema,
  orders: ordersEnvSchema,
  inbox: inboxEnvSchema,
  media: mediaEnvSchema,
  gateway: gatewayEnvSchema,
};

export const schemaOf = (name: Deployable) => schemas[name];
/** The variables a process reads: its schema's keys. */
export const variablesOf = (name: Deployable) => new Set(Object.keys(schemas[name].shape));
export const portVariableOf = (name: Deployable) => PROCESSES[name].portVariable;
export const defaultPortOf = (name: Deployable) => PROCESSES[name].defaultPort;
