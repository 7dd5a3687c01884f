import { pino, type Logger, type LevelWithSilent } from 'pino';

/** JSON lines shaped like the services' (shared/src/logger.ts), so `npm run dev` output reads as one log. */
export function createDevLogger(service: string, level: string | undefined): Logger {
  return pino({ level: (level || 'info') as LevelWithSilent, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}
