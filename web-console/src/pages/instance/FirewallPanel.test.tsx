// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ToastProvider } from '../../components/Toasts';
import { FirewallPanel } from './FirewallPanel';
import { installFakeFetch, problem, type RecordedCall } from '../../test/fakeFetch';

afterEach(() => {
  vi.unstubAllGlobals();
});

const BASE = '/api/v1/instances/web-1';
const POLICY = { defaultIngress: 'allow', rules: [{ direction: 'in', protocol: 'tcp', ports: '22', source: '10.0.0.0/8', action: 'allow' }] };

function renderPanel(canAct = true) {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <ToastProvider>
        <FirewallPanel instance="web-1" canAct={canAct} />
      </ToastProvider>
    </QueryClientProvider>,
  );
}

const network = { bridge: 'axionbr0', device: 'eth0', hostInterface: 'veth1a2b3c4d', hwaddr: '00:16:3e:00:00:01', addresses: ['10.147.0.23/24'] };

describe('the Firewall tab', () => {
  it('shows the DHCP address and the rules, and saves an added rule in one PUT without blank fields', async () => {
    const puts: RecordedCall[] = [];
    installFakeFetch({
      [`GET ${BASE}/network`]: network,
      [`GET ${BASE}/firewall`]: POLICY,
      [`PUT ${BASE}/firewall`]: (call) => {
        puts.push(call);
        return new Response(JSON.stringify({ ...(call.body as object) }), { status: 200, headers: { 'Content-Type': 'application/json' } });
      },
    });
    renderPanel();
    expect(await screen.findByTestId('addresses')).toHaveTextContent('10.147.0.23/24');
    expect(screen.getAllByTestId('firewall-rule')).toHaveLength(1);
    expect(screen.getByLabelText('Rule 1 peer')).toHaveValue('10.0.0.0/8');

    await userEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    await userEvent.type(screen.getByLabelText('Rule 2 ports'), '8000-8100');
    await userEvent.type(screen.getByLabelText('Rule 2 peer'), '10.147.0.9');
    await userEvent.selectOptions(screen.getByLabelText('Default ingress'), 'drop');
    await userEvent.click(screen.getByRole('button', { name: 'Move rule 2 up' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save rules' }));

    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0].body).toEqual({
      defaultIngress: 'drop',
      rules: [
        { direction: 'in', protocol: 'tcp', ports: '8000-8100', source: '10.147.0.9', action: 'drop' },
        { direction: 'in', protocol: 'tcp', ports: '22', source: '10.0.0.0/8', action: 'allow' },
      ],
    });
  });

  it('keeps a bad rule from being sent and shows what is wrong', async () => {
    const { calls } = installFakeFetch({ [`GET ${BASE}/network`]: network, [`GET ${BASE}/firewall`]: { defaultIngress: 'allow', rules: [] } });
    renderPanel();
    await userEvent.click(await screen.findByRole('button', { name: 'Add rule' }));
    await userEvent.type(screen.getByLabelText('Rule 1 ports'), '80-');
    await userEvent.type(screen.getByLabelText('Rule 1 peer'), '10.0.0.300');
    expect(screen.getByText('A port (8000) or a range (8000-8100)')).toBeInTheDocument();
    expect(screen.getByText(/An IPv4 address or CIDR/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save rules' })).toBeDisabled();
    await userEvent.selectOptions(screen.getByLabelText('Rule 1 protocol'), 'icmp');
    expect(screen.getByText('Ports need TCP or UDP')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
  });

  it('shows the server\'s refusal and keeps the edit', async () => {
    installFakeFetch({
      [`GET ${BASE}/network`]: network,
      [`GET ${BASE}/firewall`]: POLICY,
      [`PUT ${BASE}/firewall`]: problem(422, 'validation', 'rules[0].ports: must be within 1-65535, low to high'),
    });
    renderPanel();
    await userEvent.click(await screen.findByRole('button', { name: 'Save rules' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('rules[0].ports');
    expect(screen.getAllByTestId('firewall-rule')).toHaveLength(1);
  });

  it('is read-only for a viewer', async () => {
    installFakeFetch({ [`GET ${BASE}/network`]: { ...network, addresses: [] }, [`GET ${BASE}/firewall`]: POLICY });
    renderPanel(false);
    expect(await screen.findByLabelText('Rule 1 ports')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save rules' })).not.toBeInTheDocument();
    expect(screen.getByTestId('addresses')).toHaveTextContent('—');
  });
});
