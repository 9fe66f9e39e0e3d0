import { useEffect } from 'react';
import { nodes as defaultNodes, type NodeDirectory } from '../api/nodes';
import { useToasts } from './Toasts';

/**
 * Says so when the console moved to another node because its node stopped answering. The directory tells
 * only once the new node has answered, so the toast never claims a reconnection that did not happen.
 */
export function NodeSwitchNotice({ directory = defaultNodes }: { directory?: NodeDirectory }) {
  const toasts = useToasts();
  useEffect(
    () =>
      directory.onSwitch(({ from, to }) =>
        toasts.show({
          kind: 'info',
          title: `Reconnected to ${to.name}`,
          message: `${from ?? 'The previous node'} stopped answering; the console now talks to ${to.name}.`,
        }),
      ),
    [directory, toasts],
  );
  return null;
}
