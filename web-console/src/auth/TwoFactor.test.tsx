// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { groupSecret, isTotpCode, QrCode } from './TwoFactor';

describe('two-factor helpers', () => {
  it('tells a 6-digit code from anything else', () => {
    expect(isTotpCode('123456')).toBe(true);
    expect(isTotpCode('123 456')).toBe(true);
    expect(isTotpCode('12345')).toBe(false);
    expect(isTotpCode('abcde-fghjk')).toBe(false);
  });

  it('groups the key by four', () => {
    expect(groupSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });

  it('draws the QR code of the URI as an SVG image', async () => {
    render(<QrCode value="otpauth://totp/Axion:alice?secret=ABC" label="QR code" />);
    const img = await screen.findByRole('img', { name: 'QR code' });
    const svg = decodeURIComponent(img.getAttribute('src')!.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
    expect(svg).toMatch(/^<svg[^>]*viewBox/);
  });
});
