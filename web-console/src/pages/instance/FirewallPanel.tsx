import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { firewallApi, ruleErrors, type Action, type Direction, type FirewallPolicy, type FirewallRule, type RuleProtocol } from '../../api/firewall';
import { keys } from '../../api/keys';
import { useToasts } from '../../components/Toasts';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';

const NEW_RULE: FirewallRule = { direction: 'in', protocol: 'tcp', ports: '', source: '', action: 'drop' };

/** The request body: blank fields left out, as "every port" and "anyone". */
function cleaned(policy: FirewallPolicy): FirewallPolicy {
  return {
    defaultIngress: policy.defaultIngress,
    rules: policy.rules.map((r) => ({
      direction: r.direction,
      protocol: r.protocol,
      ...(r.ports?.trim() ? { ports: r.ports.trim() } : {}),
      ...(r.source?.trim() ? { source: r.source.trim() } : {}),
      action: r.action,
    })),
  };
}

/**
 * The Firewall tab: the instance's address on Axion's bridge, and its rules as an editable table saved in one PUT
 * (applied live by the server). The first rule that matches decides; the default applies to new inbound connections.
 */
export function FirewallPanel({ instance, canAct }: { instance: string; canAct: boolean }) {
  const client = useQueryClient();
  const toasts = useToasts();
  const network = useQuery({ queryKey: keys.network(instance), queryFn: ({ signal }) => firewallApi.network(instance, signal) });
  const policy = useQuery({ queryKey: keys.firewall(instance), queryFn: ({ signal }) => firewallApi.get(instance, signal) });
  const [draft, setDraft] = useState<FirewallPolicy | null>(null);

  useEffect(() => {
    if (policy.data && !draft) setDraft({ ...policy.data, rules: policy.data.rules.map((r) => ({ ...r, ports: r.ports ?? '', source: r.source ?? '' })) });
  }, [policy.data, draft]);

  const save = useMutation({
    mutationFn: (p: FirewallPolicy) => firewallApi.put(instance, cleaned(p)),
    onSuccess: (saved) => {
      toasts.show({ kind: 'success', title: `Firewall of ${instance} saved` });
      client.setQueryData(keys.firewall(instance), saved);
      setDraft(null);
    },
  });

  if (policy.isError) return <ErrorBanner what="Firewall" error={policy.error} onRetry={() => policy.refetch()} />;
  if (!draft) return <Loading what="firewall" />;

  const errors = draft.rules.map(ruleErrors);
  const invalid = errors.some((e) => e.ports || e.source);
  const update = (index: number, change: Partial<FirewallRule>) =>
    setDraft({ ...draft, rules: draft.rules.map((r, i) => (i === index ? { ...r, ...change } : r)) });
  const remove = (index: number) => setDraft({ ...draft, rules: draft.rules.filter((_, i) => i !== index) });
  const move = (index: number, by: number) => {
    const rules = [...draft.rules];
    const [rule] = rules.splice(index, 1);
    rules.splice(index + by, 0, rule);
    setDraft({ ...draft, rules });
  };

  return (
    <div className="firewall">
      <section className="card" aria-labelledby="network-title">
        <h2 id="network-title" className="stat-label">Network</h2>
        {network.isError && <ErrorBanner what="Network" error={network.error} onRetry={() => network.refetch()} />}
        {network.data && (
          <dl className="kv">
            <dt>Bridge</dt>
            <dd>{network.data.bridge ?? 'none (no NIC)'}</dd>
            <dt>Addresses</dt>
            <dd data-testid="addresses" className="mono">{network.data.addresses.length ? network.data.addresses.join(', ') : '—'}</dd>
            <dt>Host interface</dt>
            <dd className="mono">{network.data.hostInterface ?? '—'}</dd>
          </dl>
        )}
      </section>

      <section className="card panel" aria-labelledby="rules-title">
        <h2 id="rules-title">Rules</h2>
        <p className="muted">
          The first rule that matches decides. Replies to the instance&apos;s own connections, ARP, DHCP and DNS always pass.
        </p>
        <label className="inline-field">
          New inbound connections no rule matches:{' '}
          <select
            aria-label="Default ingress"
            value={draft.defaultIngress}
            disabled={!canAct}
            onChange={(e) => setDraft({ ...draft, defaultIngress: e.target.value as Action })}
          >
            <option value="allow">allow</option>
            <option value="drop">drop</option>
          </select>
        </label>
        <table className="data-table" aria-label="Firewall rules">
          <thead>
            <tr>
              <th scope="col">Direction</th>
              <th scope="col">Protocol</th>
              <th scope="col">Ports</th>
              <th scope="col">Peer (CIDR)</th>
              <th scope="col">Action</th>
              {canAct && <th scope="col"><span className="sr-only">Order and removal</span></th>}
            </tr>
          </thead>
          <tbody>
            {draft.rules.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">No rules.</td>
              </tr>
            )}
            {draft.rules.map((rule, i) => (
              <tr key={i} data-testid="firewall-rule">
                <td>
                  <select aria-label={`Rule ${i + 1} direction`} value={rule.direction} disabled={!canAct} onChange={(e) => update(i, { direction: e.target.value as Direction })}>
                    <option value="in">in</option>
                    <option value="out">out</option>
                  </select>
                </td>
                <td>
                  <select aria-label={`Rule ${i + 1} protocol`} value={rule.protocol} disabled={!canAct} onChange={(e) => update(i, { protocol: e.target.value as RuleProtocol })}>
                    <option value="tcp">tcp</option>
                    <option value="udp">udp</option>
                    <option value="icmp">icmp</option>
                    <option value="any">any</option>
                  </select>
                </td>
                <td>
                  <input aria-label={`Rule ${i + 1} ports`} placeholder="all" value={rule.ports ?? ''} disabled={!canAct} aria-invalid={errors[i].ports ? true : undefined} onChange={(e) => update(i, { ports: e.target.value })} />
                  {errors[i].ports && <div className="field-error">{errors[i].ports}</div>}
                </td>
                <td>
                  <input aria-label={`Rule ${i + 1} peer`} placeholder="anyone" value={rule.source ?? ''} disabled={!canAct} aria-invalid={errors[i].source ? true : undefined} onChange={(e) => update(i, { source: e.target.value })} />
                  {errors[i].source && <div className="field-error">{errors[i].source}</div>}
                </td>
                <td>
                  <select aria-label={`Rule ${i + 1} action`} value={rule.action} disabled={!canAct} onChange={(e) => update(i, { action: e.target.value as Action })}>
                    <option value="allow">allow</option>
                    <option value="drop">drop</option>
                  </select>
                </td>
                {canAct && (
                  <td className="row-actions">
                    <button type="button" className="btn btn-small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move rule ${i + 1} up`}>↑</button>
                    <button type="button" className="btn btn-small" disabled={i === draft.rules.length - 1} onClick={() => move(i, 1)} aria-label={`Move rule ${i + 1} down`}>↓</button>
                    <button type="button" className="btn btn-small btn-danger-ghost" onClick={() => remove(i)} aria-label={`Remove rule ${i + 1}`}>Remove</button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {save.isError && <ErrorBanner what="The rules" error={save.error} />}
        {canAct && (
          <div className="form-actions">
            <button type="button" className="btn" onClick={() => setDraft({ ...draft, rules: [...draft.rules, { ...NEW_RULE }] })}>
              Add rule
            </button>
            <button type="button" className="btn btn-primary" disabled={invalid || save.isPending} onClick={() => save.mutate(draft)}>
              {save.isPending ? 'Saving…' : 'Save rules'}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
