export * from './identifiers';
export * from './money';
