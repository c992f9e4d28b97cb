import { availability } from '../format.js';
import type { Chain } from '../types.js';
import { Badge } from './Badge.js';
import { EntityLink } from './EntityLink.js';

/** A synchronous call chain as linked steps: a → b → c. */
export function ChainPath({ path }: { path: readonly string[] }) {
  return (
    <ol className="chain-path">
      {path.map((ref) => (
        // The longest chain is a simple path: it visits each component once.
        <li key={ref}>
          <EntityLink entity={ref} />
        </li>
      ))}
    </ol>
  );
}

export function ChainFlags({ chain }: { chain: Chain }) {
  if (chain.flags.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {chain.flags.map((flag) => (
        <Badge key={flag} tone={flag === 'deep' ? 'warn' : 'bad'}>
          {flag === 'deep' ? 'deep' : 'below objective'}
        </Badge>
      ))}
    </>
  );
}

export function ChainAvailability({ chain }: { chain: Chain }) {
  return <>{availability(chain.availability)}</>;
}
