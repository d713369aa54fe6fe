/** Delegation levels (issue 9): mapping and inheritance, the history per kind, trust counting. */
export * from './levels';
export * from './history';
export * from './trust';
