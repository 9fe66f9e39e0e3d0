import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  hasErrors,
  joinPath,
  parentPath,
  validateCloudInit,
  validateFileName,
  validateForward,
  validateInstanceForm,
  validateName,
  validatePath,
  validateQuota,
  validateResize,
  validatePassword,
  validatePasswordChange,
  validatePasswordReset,
  validateUser,
  validateHost,
  type HostForm,
  type InstanceForm,
} from './validation';

describe('validateName (the API rule ^[a-z][a-z0-9-]{0,61}[a-z0-9]$ or one letter)', () => {
  it.each(['a', 'z', 'ab', 'web-1', 'a1', 'x'.repeat(63), 'a-b-c-9'])('accepts %s', (name) => {
    expect(validateName(name)).toBeUndefined();
  });

  it.each([
    ['', /required/],
    ['1abc', /start with a lowercase letter/],
    ['-ab', /start with a lowercase letter/],
    ['Web', /start with a lowercase letter/],
    ['web_1', /only lowercase letters, digits and hyphens/],
    ['web.1', /only lowercase/],
    ['wEb', /only lowercase/],
    ['web-', /must not end with a hyphen/],
    ['x'.repeat(64), /at most 63/],
    ['a b', /only lowercase/],
  ])('refuses %j', (name, message) => {
    expect(validateName(name)).toMatch(message);
  });

  it('agrees with the regular expression of the contract on many strings', () => {
    const contract = (s: string) => /^[a-z][a-z0-9-]{0,61}[a-z0-9]$/.test(s) || /^[a-z]$/.test(s);
    const alphabet = 'a0-Z_';
    for (let n = 0; n < 2000; n++) {
      const length = 1 + (n % 6);
      let s = '';
      for (let i = 0; i < length; i++) s += alphabet[(n * 7 + i * 13 + Math.floor(n / (i + 1))) % alphabet.length];
      expect(validateName(s) === undefined).toBe(contract(s));
    }
  });
});

const form = (over: Partial<InstanceForm> = {}): InstanceForm => ({
  name: 'web-1',
  image: 'busybox',
  cpu: 2,
  memoryMiB: 512,
  diskGiB: null,
  cloudInit: '',
  start: true,
  ...over,
});
const room = { cpu: 4, memoryMiB: 1024 };

describe('validateInstanceForm', () => {
  it('passes a good form', () => {
    expect(hasErrors(validateInstanceForm(form(), room, [], parseYaml))).toBe(false);
  });

  it('bounds CPU and memory by the quota left', () => {
    const errors = validateInstanceForm(form({ cpu: 5, memoryMiB: 2048 }), room);
    expect(errors.cpu).toBe('Only 4 cores left under the quota.');
    expect(errors.memoryMiB).toBe('Only 1024 MiB left under the quota.');
    expect(validateInstanceForm(form({ cpu: 4, memoryMiB: 1024 }), room).cpu).toBeUndefined();
  });

  it('refuses fractions, zero, NaN and tiny memory', () => {
    expect(validateInstanceForm(form({ cpu: 1.5 }), room).cpu).toMatch(/whole number/);
    expect(validateInstanceForm(form({ cpu: 0 }), room).cpu).toMatch(/at least 1/);
    expect(validateInstanceForm(form({ cpu: NaN }), room).cpu).toMatch(/whole number/);
    expect(validateInstanceForm(form({ memoryMiB: 8 }), room).memoryMiB).toMatch(/at least 16/);
  });

  it('has no bound without a quota', () => {
    expect(validateInstanceForm(form({ cpu: 512 }), { cpu: Infinity, memoryMiB: Infinity }).cpu).toBeUndefined();
  });

  it('needs an image, checks the disk and catches a taken name', () => {
    const errors = validateInstanceForm(form({ image: '', diskGiB: 0, name: 'taken' }), room, ['taken']);
    expect(errors.image).toBe('Choose an image.');
    expect(errors.diskGiB).toMatch(/at least 1/);
    expect(errors.name).toMatch(/already exists/);
    expect(validateInstanceForm(form({ diskGiB: 10 }), room).diskGiB).toBeUndefined();
  });

  it('refuses cloud-init that is not YAML', () => {
    const errors = validateInstanceForm(form({ cloudInit: '#cloud-config\nfoo: [unclosed' }), room, [], parseYaml);
    expect(errors.cloudInit).toMatch(/Not valid YAML/);
  });
});

describe('validateCloudInit', () => {
  it('accepts empty text, scripts and cloud-config', () => {
    expect(validateCloudInit('', parseYaml)).toEqual({});
    expect(validateCloudInit('#!/bin/sh\necho hi', parseYaml)).toEqual({});
    expect(validateCloudInit('#cloud-config\npackages: [curl]\n', parseYaml)).toEqual({});
  });

  it('warns when the #cloud-config header is missing', () => {
    expect(validateCloudInit('packages: [curl]\n', parseYaml).warning).toMatch(/#cloud-config/);
  });

  it('refuses a YAML scalar or list at the top', () => {
    expect(validateCloudInit('#cloud-config\n- a\n- b\n', parseYaml).error).toMatch(/mapping/);
  });
});

describe('validateResize', () => {
  it("counts the instance's own allocation as available", () => {
    const current = { cpu: 2, memoryMiB: 512 };
    expect(validateResize({ cpu: 4, memoryMiB: 1024 }, current, { cpu: 2, memoryMiB: 512 })).toEqual({ cpu: undefined, memoryMiB: undefined });
    expect(validateResize({ cpu: 5, memoryMiB: 1025 }, current, { cpu: 2, memoryMiB: 512 }).cpu).toMatch(/Only 4 cores/);
  });
});

describe('validateForward', () => {
  it('checks the host port range, the container port and the protocol', () => {
    expect(hasErrors(validateForward({ hostPort: 20080, containerPort: 80, protocol: 'tcp' }))).toBe(false);
    expect(validateForward({ hostPort: 9999, containerPort: 80, protocol: 'tcp' }).hostPort).toMatch(/10000 and 60000/);
    expect(validateForward({ hostPort: 60001, containerPort: 80, protocol: 'udp' }).hostPort).toMatch(/10000 and 60000/);
    expect(validateForward({ hostPort: 20080, containerPort: 0, protocol: 'tcp' }).containerPort).toBeDefined();
    expect(validateForward({ hostPort: 20080, containerPort: 70000, protocol: 'tcp' }).containerPort).toBeDefined();
    expect(validateForward({ hostPort: 20080, containerPort: 80, protocol: 'sctp' as 'tcp' }).protocol).toBeDefined();
    expect(validateForward({ hostPort: 20080, containerPort: 80, protocol: 'tcp' }, [20080]).hostPort).toMatch(/already forwarded/);
  });
});

describe('paths', () => {
  it.each(['/', '/root', '/root/a.txt', '/etc/cloud/cloud.cfg.d'])('accepts %s', (p) => expect(validatePath(p)).toBeUndefined());
  it.each(['root', '', '/root/../etc', '/root/', '/a//b', '/a/./b', '/a\0b'])('refuses %j', (p) => expect(validatePath(p)).toBeDefined());

  it('joins and climbs', () => {
    expect(joinPath('/', 'a')).toBe('/a');
    expect(joinPath('/a', 'b')).toBe('/a/b');
    expect(parentPath('/a/b')).toBe('/a');
    expect(parentPath('/a')).toBe('/');
    expect(parentPath('/')).toBe('/');
  });

  it('checks a single file name', () => {
    expect(validateFileName('notes.txt')).toBeUndefined();
    expect(validateFileName('')).toBeDefined();
    expect(validateFileName('..')).toBeDefined();
    expect(validateFileName('a/b')).toBeDefined();
  });
});

describe('validateUser', () => {
  it('checks username, password length and role', () => {
    expect(hasErrors(validateUser({ username: 'alice', password: 'longenough', role: 'operator' }))).toBe(false);
    const errors = validateUser({ username: ' bad name', password: 'short', role: 'root' });
    expect(errors.username).toBeDefined();
    expect(errors.password).toMatch(/at least 10 characters/);
    expect(errors.role).toBeDefined();
  });
});

describe('validatePassword (the server\'s rules, with its default minimum)', () => {
  it.each(['longenough', 'correct horse', 'ü'.repeat(6) + 'abcd'])('accepts %j', (password) => {
    expect(validatePassword(password, 'alice')).toBeUndefined();
  });

  it.each([
    ['', /is required/],
    ['nine-char', /at least 10 characters/],
    ['😀😀😀😀😀abc', /at least 10 characters/],
    ['x'.repeat(257), /at most 256 characters/],
    ['abababababab', /at least 4 different characters/],
    ['my-Alice-password', /must not contain the username/],
  ])('refuses %j', (password, message) => {
    expect(validatePassword(password, 'alice')).toMatch(message);
  });

  it('lets a short username appear in the password, as the server does', () => {
    expect(validatePassword('bo-is-my-name', 'bo')).toBeUndefined();
  });

  it('names the field it checks', () => {
    expect(validatePassword('', '', 'New password')).toBe('New password is required.');
  });
});

describe('validatePasswordChange', () => {
  const change = (over = {}) => ({ currentPassword: 'old-password-1', newPassword: 'new-password-2', newPasswordAgain: 'new-password-2', ...over });

  it('passes a good change', () => {
    expect(hasErrors(validatePasswordChange(change(), 'alice'))).toBe(false);
  });

  it('needs the current password, a different new one, typed twice alike', () => {
    expect(validatePasswordChange(change({ currentPassword: '' }), 'alice').currentPassword).toBe('Current password is required.');
    expect(validatePasswordChange(change({ newPassword: 'old-password-1', newPasswordAgain: 'old-password-1' }), 'alice').newPassword).toMatch(/must differ/);
    expect(validatePasswordChange(change({ newPasswordAgain: 'new-password-3' }), 'alice').newPasswordAgain).toBe('The two passwords differ.');
    expect(validatePasswordChange(change({ newPasswordAgain: '' }), 'alice').newPasswordAgain).toBe('Type the new password again.');
    expect(validatePasswordChange(change({ newPassword: 'short', newPasswordAgain: 'short' }), 'alice').newPassword).toMatch(/at least 10/);
  });
});

describe('validatePasswordReset', () => {
  it('checks the new password against the user it is for, typed twice alike', () => {
    expect(hasErrors(validatePasswordReset({ password: 'a-new-password', passwordAgain: 'a-new-password' }, 'bob'))).toBe(false);
    expect(validatePasswordReset({ password: 'bob-password-1', passwordAgain: 'bob-password-1' }, 'bob').password).toMatch(/username/);
    expect(validatePasswordReset({ password: 'a-new-password', passwordAgain: 'a-new-passwort' }, 'bob').passwordAgain).toBe('The two passwords differ.');
  });
});

describe('validateQuota', () => {
  const bounds = { cpuAllocated: 4, cpuMax: 16, memoryAllocated: 2048, memoryPhysical: 8192 };
  it('keeps limits between what is allocated and what the host has', () => {
    expect(hasErrors(validateQuota({ cpu: 8, memoryMiB: 4096 }, bounds))).toBe(false);
    expect(validateQuota({ cpu: 3, memoryMiB: 4096 }, bounds).cpu).toMatch(/below what is allocated/);
    expect(validateQuota({ cpu: 17, memoryMiB: 4096 }, bounds).cpu).toMatch(/cannot exceed 16/);
    expect(validateQuota({ cpu: 8, memoryMiB: 1024 }, bounds).memoryMiB).toMatch(/below what is allocated/);
    expect(validateQuota({ cpu: 8, memoryMiB: 9000 }, bounds).memoryMiB).toMatch(/never overcommitted/);
  });
});

describe('validateHost (POST /api/v1/hosts rules)', () => {
  const remote: HostForm = {
    name: 'lxd-3',
    endpoint: 'url',
    url: 'https://lxd-3.example:8443',
    socket: '/var/snap/lxd/common/lxd/unix.socket',
    project: 'default',
    clientCertificate: '',
    clientKey: '',
    serverCertificate: '',
  };

  it('accepts a remote https LXD or an absolute socket', () => {
    expect(hasErrors(validateHost(remote))).toBe(false);
    expect(hasErrors(validateHost({ ...remote, endpoint: 'socket', url: '' }))).toBe(false);
  });

  it('names the field that is wrong', () => {
    expect(validateHost({ ...remote, name: 'LXD_3' }).name).toMatch(/must start with a lowercase letter/);
    expect(validateHost({ ...remote, project: '' }).project).toBe('Project is required.');
    expect(validateHost({ ...remote, url: 'http://lxd-3:8443' }).url).toBe('The URL must be https://host[:port].');
    expect(validateHost({ ...remote, url: 'not a url' }).url).toBe('The URL must be https://host[:port].');
    expect(validateHost({ ...remote, clientCertificate: 'PEM' }).clientKey).toMatch(/come together/);
    expect(validateHost({ ...remote, endpoint: 'socket', socket: 'unix.socket' }).socket).toMatch(/absolute path/);
  });
});
