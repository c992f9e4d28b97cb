import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { queries } from './queries.js';

/**
 * Asks every page's data again when the server has read the history again (`serve
 * --refresh`, `POST /api/refresh`): the radiator on the wall shows new commits without
 * anyone reloading it. The server's `readAt` is what tells, asked once a minute.
 */
export function useServerRefresh(): void {
  const client = useQueryClient();
  const own = useQuery(queries.own());
  const readAt = own.data?.readAt;
  const seen = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (readAt === undefined) return;
    if (seen.current !== undefined && seen.current !== readAt) void client.invalidateQueries();
    seen.current = readAt;
  }, [readAt, client]);
}
