export * from './catalog-files.js';
export * from './codeowners.js';
export * from './git.js';
export * from './identities.js';
export * from './open-ownership.js';
export * from './path-ownership.js';
export * from './read-commit-authors.js';
export * from './repository.js';
