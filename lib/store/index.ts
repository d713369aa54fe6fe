export * from './db';
export * from './changes';
export * from './events';
export * from './records';
export * from './meta';
export * from './devices';
export * from './connection';
