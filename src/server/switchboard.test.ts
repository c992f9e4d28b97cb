import { describe, expect, it } from 'vitest';
import { createSwitchboard, type FetchHandler } from './switchboard.js';

/** A handler answering its name, after `wait` resolves when one is given. */
function handler(name: string, wait?: Promise<void>): FetchHandler {
  return {
    async fetch() {
      await wait;
      return new Response(name);
    },
  };
}

const body = async (response: Response | Promise<Response>) => (await response).text();
const request = () => new Request('http://localhost/api/overview');

describe('createSwitchboard', () => {
  it('answers with the handler current when a request arrived, even if it is swapped meanwhile', async () => {
    let release = () => {};
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const board = createSwitchboard(handler('old', slow));
    const early = board.fetch(request());
    let swapped = false;
    const swap = board.swap(handler('new')).then(() => {
      swapped = true;
    });
    expect(await body(board.fetch(request()))).toBe('new');
    // The old handler still has a request to answer: the swap is not over.
    await Promise.resolve();
    expect(swapped).toBe(false);
    release();
    expect(await body(early)).toBe('old');
    await swap;
    expect(swapped).toBe(true);
  });

  it('finishes a swap at once when nothing is in flight, and counts failed requests as done', async () => {
    const failing: FetchHandler = {
      fetch: async () => {
        throw new Error('broken');
      },
    };
    const board = createSwitchboard(failing);
    await expect(board.fetch(request())).rejects.toThrow('broken');
    await board.swap(handler('next'));
    expect(await body(board.fetch(request()))).toBe('next');
  });
});
