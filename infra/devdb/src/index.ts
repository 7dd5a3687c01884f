export * from './launcher.js';
