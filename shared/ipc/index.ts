// Public entry of the IPC contract.
export * from './contract.ts';
export * from './envelope.ts';
export * from './session.ts';
export * from './system.ts';
