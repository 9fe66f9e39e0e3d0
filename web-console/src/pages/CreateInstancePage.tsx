import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { parse as parseYaml } from 'yaml';
import { instancesApi } from '../api/instances';
import { imagesApi, imageLabel, imageRef } from '../api/images';
import { quotaApi, quotaLeft } from '../api/quota';
import { clusterApi, hostChoiceLabel } from '../api/cluster';
import { keys } from '../api/keys';
import { describeError } from '../api/client';
import { useCapabilities } from '../auth/capabilities';
import { useJobAction } from '../live/useJobAction';
import { formatBytes, formatMiB } from '../lib/format';
import {
  hasErrors,
  validateCloudInit,
  validateInstanceForm,
  type Errors,
  type InstanceForm,
} from '../lib/validation';
import { Field } from '../components/Field';
import { ErrorBanner, Loading } from '../components/ErrorBanner';
import { LazyCodeEditor } from '../editor/LazyCodeEditor';

const STEPS = ['Name and image', 'Resources', 'cloud-init', 'Review'] as const;

/** Which fields each step owns, so "Next" only checks what is on screen. */
const STEP_FIELDS: Array<Array<keyof InstanceForm>> = [['name', 'image', 'host'], ['cpu', 'memoryMiB', 'diskGiB'], ['cloudInit'], []];

export const CLOUD_INIT_TEMPLATE = `#cloud-config
# Runs once, at the first boot of the instance.
packages: []
write_files:
  - path: /etc/motd
    content: |
      Managed by Axion
runcmd:
  - echo "hello from cloud-init" > /root/hello.txt
`;

const MEMORY_PRESETS = [256, 512, 1024, 2048, 4096];

export default function CreateInstancePage() {
  const caps = useCapabilities();
  const navigate = useNavigate();
  const run = useJobAction();
  const [step, setStep] = useState(0);
  const [form, setForm] = useState<InstanceForm>({ name: '', image: '', cpu: 1, memoryMiB: 512, diskGiB: null, cloudInit: '', start: true });
  const [touched, setTouched] = useState<Set<keyof InstanceForm>>(new Set());
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const images = useQuery({ queryKey: keys.images, queryFn: ({ signal }) => imagesApi.list(signal) });
  const quota = useQuery({ queryKey: keys.quota, queryFn: ({ signal }) => quotaApi.get(signal), enabled: caps.has('quota') });
  const instances = useQuery({ queryKey: keys.instances, queryFn: ({ signal }) => instancesApi.list(signal) });
  const cluster = useQuery({ queryKey: keys.cluster, queryFn: ({ signal }) => clusterApi.get(signal) });

  const headroom = useMemo(
    () => ({ cpu: quotaLeft(quota.data?.cpu), memoryMiB: quotaLeft(quota.data?.memoryMiB) }),
    [quota.data],
  );
  const existing = useMemo(() => (instances.data ?? []).map((i) => i.name), [instances.data]);
  const errors: Errors<InstanceForm> = validateInstanceForm(form, headroom, existing, parseYaml);
  const cloudCheck = validateCloudInit(form.cloudInit ?? '', parseYaml);

  const shown = (field: keyof InstanceForm) => (touched.has(field) ? errors[field] : undefined);
  const set = <K extends keyof InstanceForm>(field: K, value: InstanceForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setTouched((t) => new Set(t).add(field));
  };

  const stepValid = (index: number) => STEP_FIELDS[index].every((f) => !errors[f]);
  const touchStep = (index: number) => setTouched((t) => new Set([...t, ...STEP_FIELDS[index]]));

  function next() {
    touchStep(step);
    if (stepValid(step)) setStep((s) => Math.min(s + 1, STEPS.length - 1));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (step < STEPS.length - 1) {
      next();
      return;
    }
    const firstBad = STEP_FIELDS.findIndex((_, i) => !stepValid(i));
    if (firstBad >= 0) {
      touchStep(firstBad);
      setStep(firstBad);
      return;
    }
    setSubmitting(true);
    setSubmitError(null);
    const spec = {
      name: form.name,
      image: form.image,
      cpu: form.cpu,
      memoryMiB: form.memoryMiB,
      ...(form.diskGiB ? { diskGiB: form.diskGiB } : {}),
      ...(form.cloudInit?.trim() ? { cloudInit: form.cloudInit } : {}),
      start: form.start,
      // No host: the server's placement policy chooses one.
      ...(form.host ? { host: form.host } : {}),
    };
    const outcome = await run(`Create ${form.name}`, () => instancesApi.create(spec), {
      done: `${form.name} created${form.start ? ' and started' : ''}`,
      onAccepted: () => navigate(`/?q=${encodeURIComponent(form.name)}`),
    });
    if (outcome.error) {
      setSubmitError(outcome.error);
      setSubmitting(false);
    }
  }

  const maxCpu = Number.isFinite(headroom.cpu) ? headroom.cpu : 64;
  const maxMemory = Number.isFinite(headroom.memoryMiB) ? headroom.memoryMiB : 65536;

  return (
    <section className="page page-narrow" aria-labelledby="wizard-title">
      <header className="page-header">
        <h1 id="wizard-title">Create an instance</h1>
        <Link to="/" className="btn">
          Cancel
        </Link>
      </header>

      <ol className="stepper" aria-label="Steps">
        {STEPS.map((label, i) => (
          <li key={label} className={i === step ? 'current' : i < step ? 'done' : ''} aria-current={i === step ? 'step' : undefined}>
            <button
              type="button"
              className="step-btn"
              onClick={() => {
                // Going back is free; going forward needs every step before it to be valid.
                if (i <= step || STEP_FIELDS.slice(0, i).every((_, j) => stepValid(j))) setStep(i);
                else touchStep(step);
              }}
            >
              <span className="step-num">{i + 1}</span> {label}
            </button>
          </li>
        ))}
      </ol>

      <form className="card wizard" onSubmit={submit} noValidate>
        {step === 0 && (
          <fieldset>
            <legend>{STEPS[0]}</legend>
            <Field label="Name" error={shown('name')} hint="Lowercase letters, digits and hyphens; starts with a letter; at most 63.">
              <input value={form.name} onChange={(e) => set('name', e.target.value.trim())} autoFocus autoComplete="off" spellCheck={false} />
            </Field>
            {images.isError && <ErrorBanner what="Images" error={images.error} onRetry={() => images.refetch()} />}
            {images.isPending && <Loading what="images" />}
            {images.data && (
              <Field label="Image" error={shown('image')} hint={images.data.length === 0 ? 'LXD has no image: import one first.' : undefined}>
                <select value={form.image} onChange={(e) => set('image', e.target.value)}>
                  <option value="">Choose an image…</option>
                  {images.data.map((img) => (
                    <option key={img.fingerprint} value={imageRef(img)}>
                      {imageLabel(img)}
                      {img.architecture ? ` (${img.architecture}` : ''}
                      {img.size ? `, ${formatBytes(img.size)})` : img.architecture ? ')' : ''}
                    </option>
                  ))}
                </select>
              </Field>
            )}
            {/* Only on a cluster that lists its hosts; a single-host server just places the instance. */}
            {cluster.data && cluster.data.hosts.length > 0 && (
              <Field label="Host" error={shown('host')} hint={cluster.data.placement ? `Automatic: the ${cluster.data.placement} placement picks one.` : undefined}>
                <select value={form.host ?? ''} onChange={(e) => set('host', e.target.value)} data-testid="host-select">
                  <option value="">Automatic (placement)</option>
                  {cluster.data.hosts.map((h) => (
                    <option key={h.name} value={h.name} disabled={h.state !== 'online'}>
                      {hostChoiceLabel(h)}
                    </option>
                  ))}
                </select>
              </Field>
            )}
          </fieldset>
        )}

        {step === 1 && (
          <fieldset>
            <legend>{STEPS[1]}</legend>
            {caps.has('quota') && quota.data && (
              <p className="muted" data-testid="quota-left">
                Left under the quota: {headroom.cpu} core{headroom.cpu === 1 ? '' : 's'}, {formatMiB(headroom.memoryMiB)}.
              </p>
            )}
            <Field label="CPU (cores)" error={shown('cpu')} hint={maxCpu >= 1 ? `1 to ${maxCpu}` : 'No CPU left under the quota.'}>
              <input type="number" min={1} max={maxCpu} step={1} value={Number.isNaN(form.cpu) ? '' : form.cpu} onChange={(e) => set('cpu', e.target.valueAsNumber)} />
            </Field>
            <input
              type="range"
              min={1}
              max={Math.max(1, maxCpu)}
              value={Math.min(form.cpu || 1, Math.max(1, maxCpu))}
              onChange={(e) => set('cpu', e.target.valueAsNumber)}
              aria-label="CPU cores slider"
              className="range"
            />
            <Field label="Memory (MiB)" error={shown('memoryMiB')} hint={maxMemory >= 16 ? `16 to ${maxMemory} MiB` : 'No memory left under the quota.'}>
              <input type="number" min={16} max={maxMemory} step={64} value={Number.isNaN(form.memoryMiB) ? '' : form.memoryMiB} onChange={(e) => set('memoryMiB', e.target.valueAsNumber)} />
            </Field>
            <div className="presets" role="group" aria-label="Memory presets">
              {MEMORY_PRESETS.filter((m) => m <= maxMemory).map((m) => (
                <button key={m} type="button" className={`chip${form.memoryMiB === m ? ' chip-on' : ''}`} aria-pressed={form.memoryMiB === m} onClick={() => set('memoryMiB', m)}>
                  {formatMiB(m)}
                </button>
              ))}
            </div>
            <Field label="Disk (GiB, optional)" error={shown('diskGiB')} hint="Empty: the storage pool's default.">
              <input
                type="number"
                min={1}
                step={1}
                value={form.diskGiB ?? ''}
                onChange={(e) => set('diskGiB', e.target.value === '' ? null : e.target.valueAsNumber)}
              />
            </Field>
          </fieldset>
        )}

        {step === 2 && (
          <fieldset>
            <legend>{STEPS[2]}</legend>
            <p className="muted">
              Optional user-data, given to cloud-init at first boot.{' '}
              <button type="button" className="link-btn" onClick={() => set('cloudInit', CLOUD_INIT_TEMPLATE)}>
                Insert an example
              </button>
            </p>
            <LazyCodeEditor value={form.cloudInit ?? ''} onChange={(v) => set('cloudInit', v)} language="yaml" ariaLabel="cloud-init user-data (YAML)" height={300} />
            {cloudCheck.error && (
              <p className="field-error" role="alert">
                {cloudCheck.error}
              </p>
            )}
            {!cloudCheck.error && cloudCheck.warning && <p className="field-warning">{cloudCheck.warning}</p>}
          </fieldset>
        )}

        {step === 3 && (
          <fieldset>
            <legend>{STEPS[3]}</legend>
            <dl className="review">
              <dt>Name</dt>
              <dd>{form.name}</dd>
              <dt>Image</dt>
              <dd>{form.image}</dd>
              <dt>Host</dt>
              <dd>{form.host || 'automatic (placement)'}</dd>
              <dt>CPU</dt>
              <dd>{form.cpu} cores</dd>
              <dt>Memory</dt>
              <dd>{formatMiB(form.memoryMiB)}</dd>
              <dt>Disk</dt>
              <dd>{form.diskGiB ? `${form.diskGiB} GiB` : 'pool default'}</dd>
              <dt>cloud-init</dt>
              <dd>{form.cloudInit?.trim() ? `${form.cloudInit.split('\n').length} lines` : 'none'}</dd>
            </dl>
            <label className="switch">
              <input type="checkbox" role="switch" checked={form.start} onChange={(e) => set('start', e.target.checked)} />
              <span>Start the instance once it is created</span>
            </label>
          </fieldset>
        )}

        {submitError !== null && (
          <p className="error-banner" role="alert">
            {describeError(submitError)}
          </p>
        )}
        {hasErrors(errors) && step === 3 && touched.size > 0 && (
          <p className="field-error">Some steps still have errors.</p>
        )}

        <footer className="wizard-footer">
          <button type="button" className="btn" onClick={() => setStep((s) => Math.max(0, s - 1))} disabled={step === 0}>
            Back
          </button>
          {step < STEPS.length - 1 ? (
            <button type="submit" className="btn btn-primary">
              Next
            </button>
          ) : (
            <button type="submit" className="btn btn-primary" disabled={submitting}>
              {submitting ? 'Creating…' : 'Create instance'}
            </button>
          )}
        </footer>
      </form>
    </section>
  );
}
