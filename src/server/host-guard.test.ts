import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { hostGuard, isLoopbackAddress } from './host-guard.js';

const app = (policy: Parameters<typeof hostGuard>[0]) =>
  new Hono().use('*', hostGuard(policy)).get('/', (c) => c.text('ok'));
const status = async (policy: Parameters<typeof hostGuard>[0], host?: string) =>
  (await app(policy).request('/', host === undefined ? {} : { headers: { host } })).status;

describe('hostGuard', () => {
  it.each([
    'localhost:8080',
    'LOCALHOST:8080',
    'localhost',
    'radiator.localhost:8080',
    '127.0.0.1:8080',
    '127.1.2.3',
    '[::1]:8080',
    '192.168.1.20:8080',
    '[fe80::1]:8080',
  ])('answers a loopback name or an address: %s', async (host) => {
    expect(await status({ host: '127.0.0.1' }, host)).toBe(200);
  });

  it.each([
    'evil.example',
    'evil.example:8080',
    'localhost.evil.example',
    '127.0.0.1.nip.io:8080',
    'localhost@evil.example',
    'localhost:8080/x',
    'evil.example:8080, localhost',
    '',
  ])('refuses a host it does not serve (DNS rebinding): %j', async (host) => {
    const response = await app({ host: '127.0.0.1' }).request('/', { headers: { host } });
    expect(response.status).toBe(421);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toContain('does not answer for');
  });

  it('answers the --host given and the --public-url host, and nothing else', async () => {
    const policy = {
      host: 'radiator.lan',
      publicUrl: new URL('https://orgwire.example.com/'),
    };
    expect(await status(policy, 'radiator.lan:8080')).toBe(200);
    expect(await status(policy, 'orgwire.example.com')).toBe(200);
    expect(await status(policy, 'Orgwire.Example.com:443')).toBe(200);
    expect(await status(policy, 'orgwire.example.com:8443')).toBe(421);
    expect(await status(policy, 'other.example.com')).toBe(421);
    expect(await status({ host: '0.0.0.0' }, 'radiator.lan:8080')).toBe(421);
  });

  it('answers a request without a Host header (HTTP/1.0): no browser sends one', async () => {
    expect(await status({ host: '127.0.0.1' })).toBe(200);
  });
});

describe('isLoopbackAddress', () => {
  it('tells loopback binds from those the network can reach', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]'])
      expect(isLoopbackAddress(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'radiator.lan', '10.0.0.1'])
      expect(isLoopbackAddress(host), host).toBe(false);
  });
});
