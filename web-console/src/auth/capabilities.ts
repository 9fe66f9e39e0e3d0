import { useQuery } from '@tanstack/react-query';
import { capabilitiesApi, type Capability } from '../api/capabilities';
import { keys } from '../api/keys';
import { useAuth } from './AuthContext';

/**
 * Which features the server has installed. Until the answer comes, nothing optional is shown; parts of
 * the console whose feature is uninstalled stay hidden.
 */
export function useCapabilities() {
  const { session } = useAuth();
  const query = useQuery({
    queryKey: keys.capabilities,
    queryFn: ({ signal }) => capabilitiesApi.get({ signal }),
    enabled: !!session,
    staleTime: 60_000,
  });
  const set = query.data;
  return {
    ready: !!set,
    error: query.error,
    has: (capability: Capability) => !!set?.has(capability),
  };
}
