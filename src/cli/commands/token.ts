import { AppError } from '../../errors.js';
import { hashToken, newToken } from '../../server/index.js';
import { type Io, type OutputFormat, writeJson } from '../io.js';
import { openStore } from '../open-store.js';
import { columns } from '../render.js';

/**
 * `orgwire token create`: a new token for the radiator's writes. The token is printed
 * once; the store keeps only its SHA-256.
 */
export async function createToken(
  io: Io,
  options: { name?: string; db?: string },
): Promise<number> {
  const store = await openStore(io, options.db);
  try {
    const token = newToken();
    const name = options.name ?? `token-${(await store.tokens()).length + 1}`;
    if (!(await store.createToken(name, hashToken(token)))) {
      throw new AppError(
        'invalid-input',
        `A token named "${name}" exists already.`,
        'Pass --name with another name.',
      );
    }
    io.out(`${token}\n`);
    io.err(
      `Token "${name}" created. It is shown only this once: send it as \`Authorization: Bearer <token>\`, or paste it into the radiator's settings.\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

/**
 * `orgwire token list`: each token's name, when it was made and when it last let a request
 * through ("never" when it has not; up to a minute behind), never the token or its hash.
 */
export async function listTokens(
  io: Io,
  options: { db?: string; format: OutputFormat },
): Promise<number> {
  const store = await openStore(io, options.db);
  try {
    const tokens = (await store.tokens()).map((t) => ({
      name: t.name,
      createdAt: t.createdAt,
      lastUsedAt: t.lastUsedAt,
    }));
    if (options.format === 'json') {
      writeJson(io, { tokens });
      return 0;
    }
    if (tokens.length === 0) {
      io.err('No tokens yet: `orgwire token create` makes one.\n');
      return 0;
    }
    io.out(
      `${columns(
        [
          ['NAME', 'CREATED', 'LAST USED'],
          ...tokens.map((t) => [t.name, t.createdAt, t.lastUsedAt ?? 'never']),
        ],
        '',
      )}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

/**
 * `orgwire token revoke NAME` (or `token delete NAME`): the token is deleted from the store
 * and stops working at once, on a running server's next request too.
 */
export async function revokeToken(io: Io, options: { name: string; db?: string }): Promise<number> {
  const store = await openStore(io, options.db);
  try {
    if (!(await store.deleteToken(options.name))) {
      const names = (await store.tokens()).map((t) => t.name);
      throw new AppError(
        'not-found',
        `No token named "${options.name}".`,
        names.length === 0
          ? 'There are no tokens in this store.'
          : `The tokens are: ${names.join(', ')} (\`orgwire token list\`).`,
      );
    }
    io.err(`Token "${options.name}" revoked; it no longer works, on a running radiator too.\n`);
    return 0;
  } finally {
    await store.close();
  }
}
