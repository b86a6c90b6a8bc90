import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRedactor } from './redactor.js';

const redactor = createRedactor({ projectRoot: '/home/ana/shop', sensitivePaths: ['~/.kube', '/var/secrets', '*.pem', 'id_ed25519'] });

describe('isSensitivePath', () => {
  const sensitive = [
    '~/.ssh', '~/.ssh/id_rsa', '/home/ana/.ssh/id_rsa', '/Users/bob/.aws/credentials', '/root/.aws/config',
    'C:\\Users\\ana\\.ssh\\id_rsa', 'C:\\\\Users\\\\ana\\\\.ssh', '$HOME/.config/gh/hosts.yml', '~/.netrc', '~/.docker/config.json',
    '/etc', '/etc/passwd', '/private/etc/hosts', '.env', '.env.local', '.env.production', '/home/ana/shop/.env',
    'apps/web/.env.development.local',
    // configured extras
    '~/.kube/config', '/home/ana/.kube', '/var/secrets/db', 'certs/server.pem', '/opt/keys/id_ed25519',
  ];
  const ordinary = [
    '/home/ana/shop/src/a.ts', '~/projects/x', '/etc2/x', '/usr/etc/x', 'src/etc/config.ts', '/home/ana/shop/.envrc.md',
    '.env/bin/python', '/home/ana/.configuration', '.environment', 'docs/env.md', '/var/secretsmanager', 'server.pem.md',
  ];
  for (const p of sensitive) it(`${p} is sensitive`, () => assert.equal(redactor.isSensitivePath(p), true));
  for (const p of ordinary) it(`${p} is not`, () => assert.equal(redactor.isSensitivePath(p), false));
});

describe('redactPath', () => {
  const rows: Array<[string, string]> = [
    ['/home/ana/shop/src/a.ts', 'src/a.ts'],
    ['/home/ana/shop', '.'],
    ['/home/ana/shop/', '.'],
    ['/home/ana/shopping/list.md', '~/shopping/list.md'],
    ['/home/ana/other/x.ts', '~/other/x.ts'],
    ['/Users/bob/code/y.py', '~/code/y.py'],
    ['C:\\Users\\ana\\code\\z.ts', '~/code/z.ts'],
    ['/home/ana/.ssh/id_rsa', '[REDACTED_PATH]'],
    ['/etc/hosts', '[REDACTED_PATH]'],
    ['/usr/lib/node', '/usr/lib/node'],
    ['src/a.ts', 'src/a.ts'],
  ];
  for (const [input, expected] of rows) it(`${input} → ${expected}`, () => assert.equal(redactor.redactPath(input), expected));

  it('without a project root only the home prefix changes', () => {
    const plain = createRedactor();
    assert.equal(plain.redactPath('/home/ana/shop/src/a.ts'), '~/shop/src/a.ts');
    assert.equal(plain.redactPath('/srv/app/x'), '/srv/app/x');
  });
});

describe('paths inside text', () => {
  const rows: Array<[string, string]> = [
    ['cat /home/ana/.ssh/id_rsa', 'cat [REDACTED_PATH]'],
    ['read ~/.aws/credentials and /etc/passwd.', 'read [REDACTED_PATH] and [REDACTED_PATH].'],
    ['Error in /home/ana/shop/src/a.ts:12:5', 'Error in src/a.ts:12:5'],
    ['"file_path":"/home/ana/shop/src/b.ts"', '"file_path":"src/b.ts"'],
    ['cd /home/ana/shop && ls', 'cd . && ls'],
    ['see /home/bob/notes.txt', 'see ~/notes.txt'],
    ['cp .env.example .env', 'cp [REDACTED_PATH] [REDACTED_PATH]'],
    ['source apps/web/.env.local', 'source [REDACTED_PATH]'],
    ['open file:///home/ana/shop/index.html', 'open file://index.html'],
    ['C:\\Users\\ana\\.ssh\\id_rsa', '[REDACTED_PATH]'],
    ['"C:\\\\Users\\\\ana\\\\.aws\\\\config"', '"[REDACTED_PATH]"'],
  ];
  for (const [input, expected] of rows) it(`${input} → ${expected}`, () => assert.equal(redactor.redactString(input), expected));

  const unchanged = [
    'process.env.NODE_ENV and import.meta.env.MODE and os.environ',
    'https://example.com/home/page and /usr/local/bin/node',
    'src/etc/config.ts and lib/users/list.ts',
    '/var/log/syslog',
    'the ~ key',
  ];
  for (const input of unchanged) it(`leaves ${input}`, () => assert.equal(redactor.redactString(input), input));
});

describe('a Windows project root', () => {
  const windows = createRedactor({ projectRoot: 'C:\\code\\shop' });
  it('makes paths under it relative, in text and alone', () => {
    assert.equal(windows.redactPath('C:\\code\\shop\\src\\a.ts'), 'src/a.ts');
    assert.equal(windows.redactString('at C:\\code\\shop\\src\\a.ts:3'), 'at src/a.ts:3');
    assert.equal(windows.redactString('at D:\\other\\x.ts'), 'at D:\\other\\x.ts');
  });
});
