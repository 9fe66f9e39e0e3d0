import { request } from './client';

export interface Image {
  fingerprint: string;
  aliases: Array<string | { name: string; description?: string }>;
  description?: string;
  size?: number;
  architecture?: string;
}

export const imagesApi = {
  list: (signal?: AbortSignal) => request<Image[]>('/api/v1/images', { signal }),
};

export function aliasNames(image: Image): string[] {
  return (image.aliases ?? []).map((a) => (typeof a === 'string' ? a : a.name)).filter(Boolean);
}

/** What to send as `image`: the first alias when there is one, otherwise the fingerprint. */
export function imageRef(image: Image): string {
  return aliasNames(image)[0] ?? image.fingerprint;
}

export function imageLabel(image: Image): string {
  const aliases = aliasNames(image);
  const name = aliases.length ? aliases.join(', ') : image.fingerprint.slice(0, 12);
  return image.description ? `${name} — ${image.description}` : name;
}
