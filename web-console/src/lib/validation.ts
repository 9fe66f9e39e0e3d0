/**
 * Form validation that mirrors the server's rules (shared/API.md), so mistakes are caught before a request;
 * the server stays the judge and its problem `detail` is still shown when it disagrees.
 */

export const NAME_PATTERN = /^[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
export const SINGLE_LETTER = /^[a-z]$/;

export type Errors<T> = Partial<Record<keyof T, string>>;

export function hasErrors<T>(errors: Errors<T>): boolean {
  return Object.values(errors).some(Boolean);
}

/** Instance and snapshot names: lowercase letter first, letters/digits/hyphens, no trailing hyphen, ≤ 63. */
export function validateName(name: string, what = 'Name'): string | undefined {
  if (!name) return `${what} is required.`;
  if (name.length > 63) return `${what} must be at most 63 characters.`;
  if (SINGLE_LETTER.test(name) || NAME_PATTERN.test(name)) return undefined;
  if (!/^[a-z]/.test(name)) return `${what} must start with a lowercase letter.`;
  if (/[^a-z0-9-]/.test(name)) return `${what} may contain only lowercase letters, digits and hyphens.`;
  if (name.endsWith('-')) return `${what} must not end with a hyphen.`;
  return `${what} is not valid.`;
}

function wholeNumber(value: number): boolean {
  return Number.isFinite(value) && Number.isInteger(value);
}

export interface InstanceForm {
  name: string;
  image: string;
  cpu: number;
  memoryMiB: number;
  diskGiB?: number | null;
  cloudInit?: string;
  start: boolean;
  /** The LXD host to create it on; empty for the server's placement. */
  host?: string;
}

export interface Headroom {
  /** Cores left under the quota (Infinity when no quota is installed). */
  cpu: number;
  /** MiB left under the quota. */
  memoryMiB: number;
}

export const MIN_MEMORY_MIB = 16;

export function validateCpu(cpu: number, max: number): string | undefined {
  if (!wholeNumber(cpu)) return 'CPU must be a whole number of cores.';
  if (cpu < 1) return 'CPU must be at least 1 core.';
  if (cpu > max) return `Only ${max} core${max === 1 ? '' : 's'} left under the quota.`;
  return undefined;
}

export function validateMemory(memoryMiB: number, max: number): string | undefined {
  if (!wholeNumber(memoryMiB)) return 'Memory must be a whole number of MiB.';
  if (memoryMiB < MIN_MEMORY_MIB) return `Memory must be at least ${MIN_MEMORY_MIB} MiB.`;
  if (memoryMiB > max) return `Only ${max} MiB left under the quota.`;
  return undefined;
}

export function validateDisk(diskGiB: number | null | undefined): string | undefined {
  if (diskGiB === undefined || diskGiB === null || Number.isNaN(diskGiB)) return undefined;
  if (!wholeNumber(diskGiB) || diskGiB < 1) return 'Disk must be a whole number of GiB, at least 1.';
  if (diskGiB > 65536) return 'Disk must be at most 65536 GiB.';
  return undefined;
}

export function validateInstanceForm(
  form: InstanceForm,
  headroom: Headroom,
  existingNames: Iterable<string> = [],
  parseYaml?: (text: string) => unknown,
): Errors<InstanceForm> {
  const errors: Errors<InstanceForm> = {};
  errors.name = validateName(form.name);
  if (!errors.name && new Set(existingNames).has(form.name)) errors.name = `An instance named ${form.name} already exists.`;
  if (!form.image) errors.image = 'Choose an image.';
  errors.cpu = validateCpu(form.cpu, headroom.cpu);
  errors.memoryMiB = validateMemory(form.memoryMiB, headroom.memoryMiB);
  errors.diskGiB = validateDisk(form.diskGiB);
  errors.cloudInit = validateCloudInit(form.cloudInit ?? '', parseYaml).error;
  return errors;
}

/** Resize: the instance's own allocation is freed by the resize, so it adds to the headroom. */
export function validateResize(
  change: { cpu: number; memoryMiB: number },
  current: { cpu: number; memoryMiB: number },
  headroom: Headroom,
): Errors<{ cpu: number; memoryMiB: number }> {
  return {
    cpu: validateCpu(change.cpu, headroom.cpu + current.cpu),
    memoryMiB: validateMemory(change.memoryMiB, headroom.memoryMiB + current.memoryMiB),
  };
}

export interface CloudInitCheck {
  error?: string;
  warning?: string;
}

/**
 * cloud-init user-data: empty is fine; otherwise it must parse as YAML and should start with #cloud-config
 * (a script starting with #! is also valid user-data and is not parsed as YAML).
 */
export function validateCloudInit(text: string, parse?: (text: string) => unknown): CloudInitCheck {
  const trimmed = text.trim();
  if (!trimmed) return {};
  if (trimmed.startsWith('#!')) return {};
  try {
    if (!parse) return trimmed.startsWith('#cloud-config') ? {} : { warning: 'cloud-init ignores user-data that does not start with "#cloud-config".' };
    const value = parse(text);
    if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
      return { error: 'cloud-config must be a YAML mapping (key: value).' };
    }
  } catch (error) {
    return { error: `Not valid YAML: ${(error as Error).message.split('\n')[0]}` };
  }
  if (!trimmed.startsWith('#cloud-config')) return { warning: 'cloud-init ignores user-data that does not start with "#cloud-config".' };
  return {};
}

export interface ForwardForm {
  hostPort: number;
  containerPort: number;
  protocol: 'tcp' | 'udp';
}

export const HOST_PORT_MIN = 10000;
export const HOST_PORT_MAX = 60000;

export function validateForward(form: ForwardForm, taken: Iterable<number> = []): Errors<ForwardForm> {
  const errors: Errors<ForwardForm> = {};
  if (!wholeNumber(form.hostPort) || form.hostPort < HOST_PORT_MIN || form.hostPort > HOST_PORT_MAX) {
    errors.hostPort = `Host port must be between ${HOST_PORT_MIN} and ${HOST_PORT_MAX}.`;
  } else if (new Set(taken).has(form.hostPort)) {
    errors.hostPort = `Host port ${form.hostPort} is already forwarded.`;
  }
  if (!wholeNumber(form.containerPort) || form.containerPort < 1 || form.containerPort > 65535) {
    errors.containerPort = 'Container port must be between 1 and 65535.';
  }
  if (form.protocol !== 'tcp' && form.protocol !== 'udp') errors.protocol = 'Protocol must be tcp or udp.';
  return errors;
}

/** Paths for the files API: absolute, normalised, no `..`, no NUL (the server answers 422 otherwise). */
export function validatePath(path: string): string | undefined {
  if (!path.startsWith('/')) return 'Path must be absolute (start with /).';
  if (path.includes('\0')) return 'Path must not contain NUL bytes.';
  const segments = path.split('/').slice(1);
  if (segments.some((s) => s === '..')) return 'Path must not contain "..".';
  if (path !== '/' && (segments.some((s) => s === '' || s === '.') || path.endsWith('/'))) {
    return 'Path must be normalised (no empty or "." segments, no trailing slash).';
  }
  return undefined;
}

export function joinPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

export function parentPath(path: string): string {
  if (path === '/') return '/';
  const index = path.lastIndexOf('/');
  return index <= 0 ? '/' : path.slice(0, index);
}

/** A file name typed by a person for upload or creation: one segment. */
export function validateFileName(name: string): string | undefined {
  if (!name) return 'Name is required.';
  if (name === '.' || name === '..') return 'Name must not be "." or "..".';
  if (name.includes('/')) return 'Name must not contain "/".';
  if (name.includes('\0')) return 'Name must not contain NUL bytes.';
  return undefined;
}

/** The auth feature's default minimum; a server configured for more still answers 422, shown on the field. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

/** The server's password rules: length in characters (not UTF-16 units), some variety, not the username. */
export function validatePassword(password: string, username = '', what = 'Password'): string | undefined {
  const characters = [...password];
  if (!password) return `${what} is required.`;
  if (characters.length < MIN_PASSWORD_LENGTH) return `${what} must be at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (characters.length > MAX_PASSWORD_LENGTH) return `${what} must be at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (new Set(characters).size < 4) return `${what} must use at least 4 different characters.`;
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) return `${what} must not contain the username.`;
  return undefined;
}

function validateRepeat(again: string, password: string): string | undefined {
  if (!again) return 'Type the new password again.';
  return again === password ? undefined : 'The two passwords differ.';
}

export interface PasswordChangeForm {
  currentPassword: string;
  newPassword: string;
  newPasswordAgain: string;
}

export function validatePasswordChange(form: PasswordChangeForm, username: string): Errors<PasswordChangeForm> {
  const errors: Errors<PasswordChangeForm> = {};
  if (!form.currentPassword) errors.currentPassword = 'Current password is required.';
  errors.newPassword = validatePassword(form.newPassword, username, 'New password');
  if (!errors.newPassword && form.newPassword === form.currentPassword) {
    errors.newPassword = 'New password must differ from the current one.';
  }
  errors.newPasswordAgain = validateRepeat(form.newPasswordAgain, form.newPassword);
  return errors;
}

/** An admin's reset of someone else's password: no current password to know. */
export interface PasswordResetForm {
  password: string;
  passwordAgain: string;
}

export function validatePasswordReset(form: PasswordResetForm, username: string): Errors<PasswordResetForm> {
  return {
    password: validatePassword(form.password, username, 'New password'),
    passwordAgain: validateRepeat(form.passwordAgain, form.password),
  };
}

export interface UserForm {
  username: string;
  password: string;
  role: string;
}

export function validateUser(form: UserForm): Errors<UserForm> {
  const errors: Errors<UserForm> = {};
  if (!/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}$/.test(form.username)) {
    errors.username = 'Username: 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit.';
  }
  errors.password = validatePassword(form.password, form.username);
  if (!['admin', 'operator', 'viewer'].includes(form.role)) errors.role = 'Choose a role.';
  return errors;
}

export interface QuotaForm {
  cpu: number;
  memoryMiB: number;
}

export function validateQuota(
  form: QuotaForm,
  bounds: { cpuAllocated: number; cpuMax?: number; memoryAllocated: number; memoryPhysical: number },
): Errors<QuotaForm> {
  const errors: Errors<QuotaForm> = {};
  if (!wholeNumber(form.cpu) || form.cpu < 1) errors.cpu = 'CPU limit must be a whole number, at least 1.';
  else if (form.cpu < bounds.cpuAllocated) errors.cpu = `CPU limit cannot go below what is allocated (${bounds.cpuAllocated}).`;
  else if (bounds.cpuMax !== undefined && form.cpu > bounds.cpuMax) errors.cpu = `CPU limit cannot exceed ${bounds.cpuMax} (physical cores × overcommit).`;
  if (!wholeNumber(form.memoryMiB) || form.memoryMiB < 1) errors.memoryMiB = 'Memory limit must be a whole number of MiB.';
  else if (form.memoryMiB < bounds.memoryAllocated) errors.memoryMiB = `Memory limit cannot go below what is allocated (${bounds.memoryAllocated} MiB).`;
  else if (form.memoryMiB > bounds.memoryPhysical) errors.memoryMiB = `Memory is never overcommitted: at most ${bounds.memoryPhysical} MiB.`;
  return errors;
}

export type HostEndpointKind = 'url' | 'socket';

export interface HostForm {
  name: string;
  endpoint: HostEndpointKind;
  url: string;
  socket: string;
  project: string;
  clientCertificate: string;
  clientKey: string;
  serverCertificate: string;
}

/** The rules of `POST /api/v1/hosts` (HostValidation): a host name, a project name, https URL or absolute socket. */
export function validateHost(form: HostForm): Errors<HostForm> {
  const errors: Errors<HostForm> = {};
  errors.name = validateName(form.name, 'Host name');
  errors.project = validateName(form.project.trim(), 'Project');
  if (form.endpoint === 'url') {
    const url = form.url.trim();
    let parsed: URL | null = null;
    try {
      parsed = url ? new URL(url) : null;
    } catch {
      parsed = null;
    }
    if (!url) errors.url = 'Give the LXD URL, e.g. https://lxd-2.example:8443.';
    else if (!parsed || parsed.protocol !== 'https:' || !parsed.hostname) errors.url = 'The URL must be https://host[:port].';
    if (!form.clientCertificate.trim() !== !form.clientKey.trim()) errors.clientKey = 'A client certificate and its key come together.';
  } else if (!form.socket.trim().startsWith('/')) {
    errors.socket = 'The socket must be an absolute path.';
  }
  return errors;
}
