import { useEffect, useState, type FormEvent } from 'react';
import type { TotpEnrolment } from '../api/auth';

/** Six digits, spaces allowed ("123 456" as apps show it); anything else may be a recovery code. */
export function isTotpCode(code: string): boolean {
  return /^[0-9]{6}$/.test(code.replace(/\s/g, ''));
}

/** The secret in groups of four, easier to type into an app by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * A QR code of `value` as an SVG image. The `qrcode` library is loaded when a code is first shown, so it weighs
 * nothing on the pages that never show one.
 */
/** The field for a 6-digit code (or a recovery code): numeric keyboard, filled in by password managers. */
export function OneTimeCodeInput({ id, value, onChange, testId, invalid, describedBy }: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  invalid?: boolean;
  describedBy?: string;
}) {
  return (
    <input
      id={id}
      name="one-time-code"
      inputMode="numeric"
      autoComplete="one-time-code"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-describedby={describedBy}
      aria-invalid={invalid ? true : undefined}
      data-testid={testId}
      autoFocus
    />
  );
}

export function QrCode({ value, label }: { value: string; label: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setSvg(null);
    import('qrcode')
      .then((qr) => qr.toString(value, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }))
      .then(
        (text) => live && setSvg(text),
        () => live && setFailed(true),
      );
    return () => {
      live = false;
    };
  }, [value]);
  if (failed) return <p className="muted small">The QR code cannot be drawn here: type the key below into your app.</p>;
  if (!svg) return <div className="totp-qr muted small" style={{ width: 200, height: 200 }} aria-busy="true" />;
  return (
    <img
      className="totp-qr"
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
      alt={label}
      width={200}
      height={200}
      style={{ background: '#fff', padding: 4, borderRadius: 4 }}
      data-testid="totp-qr"
    />
  );
}

interface SetupProps {
  enrolment: TotpEnrolment;
  /** Resolves when the server accepted the code; rejects with what to show. */
  onConfirm: (code: string) => Promise<void>;
  onCancel?: () => void;
  confirmLabel?: string;
}

/** Step one of turning two-factor login on: scan (or type) the secret, then prove it with a first code. */
export function TotpSetup({ enrolment, onConfirm, onCancel, confirmLabel = 'Turn on two-factor login' }: SetupProps) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!isTotpCode(code)) {
      setError('Enter the 6 digits your app shows.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onConfirm(code.replace(/\s/g, ''));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate data-testid="totp-setup" className="totp-setup">
      <p>Scan this QR code with an authenticator app (Aegis, FreeOTP, Google Authenticator, 1Password, …).</p>
      <QrCode value={enrolment.otpauthUri} label="QR code of your two-factor secret for an authenticator app" />
      <p className="small">
        Or type this key into the app (time-based, 6 digits, 30 s):{' '}
        <code data-testid="totp-secret" data-secret={enrolment.secret}>
          {groupSecret(enrolment.secret)}
        </code>
      </p>
      <div className="field">
        <label htmlFor="totp-confirm-code">Code from the app</label>
        <OneTimeCodeInput
          id="totp-confirm-code"
          value={code}
          onChange={setCode}
          testId="totp-confirm-code"
          invalid={Boolean(error)}
        />
      </div>
      {error && (
        <p className="error-banner form-failure" role="alert" data-testid="totp-setup-error">
          {error}
        </p>
      )}
      <div className="form-actions" style={{ display: 'flex', gap: 8 }}>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="totp-confirm">
          {busy ? 'Checking…' : confirmLabel}
        </button>
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

/** The recovery codes, shown once: each logs in once in place of a code, when the phone is lost. */
export function RecoveryCodes({ codes, onDone, doneLabel = 'I have saved these codes' }: {
  codes: string[];
  onDone: () => void;
  doneLabel?: string;
}) {
  return (
    <div data-testid="totp-recovery">
      <p className="notice" role="status">
        Two-factor login is on. Save these recovery codes somewhere safe: each one logs you in once without your app.
        They are shown only now.
      </p>
      <ul className="recovery-codes" data-testid="totp-recovery-codes" style={{ columns: 2, fontFamily: 'monospace' }}>
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <button type="button" className="btn btn-primary" onClick={onDone} data-testid="totp-recovery-done">
        {doneLabel}
      </button>
    </div>
  );
}
