export * from './launcher.js';
export * from './go-build.js';
