import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DOMAIN = join(__dirname, '..', '..', 'src', 'domain');
const ALLOWED = new Set(['zod', 'luxon']);

describe('the domain is pure', () => {
  const files = readdirSync(DOMAIN).filter((f) => f.endsWith('.ts'));
  it.each(files)('%s imports no SDK, storage, I/O or clock', (file) => {
    const source = readFileSync(join(DOMAIN, file), 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
    for (const spec of imports) {
      expect(spec.startsWith('./') || ALLOWED.has(spec)).toBe(true);
    }
    expect(source).not.toMatch(/Date\.now\(|new Date\(\)|process\.env|DateTime\.(now|local)\(/);
  });
});
