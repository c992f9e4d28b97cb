import { useSyncExternalStore } from 'react';
import { getToken, subscribeToken } from './api.js';

/** The bearer token as it is stored now; re-renders when it is set or cleared. */
export function useToken(): string | null {
  return useSyncExternalStore(subscribeToken, getToken, () => null);
}
