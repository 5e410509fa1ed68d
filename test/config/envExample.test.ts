import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { CONFIG_VARIABLES, loadConfig } from '../../config/config.js';
import { projectPath } from '../../config/paths.js';

/** `.env.example` is how an operator learns what can be set: it must list exactly what is read. */
describe('.env.example', () => {
  const lines = readFileSync(projectPath('.env.example'), 'utf8').split('\n');
  const assignments = lines.filter((line) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(line));
  const listed = assignments.map((line) => line.slice(0, line.indexOf('=')));

  it('lists every configuration variable once, and nothing the service does not read', () => {
    expect([...listed].sort()).to.deep.equal([...CONFIG_VARIABLES].sort());
  });

  it('explains each variable in a comment just above it', () => {
    for (const name of listed) {
      const at = lines.findIndex((line) => line.startsWith(`${name}=`));
      const above = lines.slice(0, at).reverse();
      const nearestText = above.find((line) => line.trim() !== '' && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(line));
      expect(nearestText, name).to.match(/^#/);
    }
  });

  it('starts the service on its defaults when copied to .env unchanged', () => {
    const env = Object.fromEntries(assignments.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    expect(() => loadConfig(env)).not.to.throw();
    expect(loadConfig(env).port).to.equal(3978);
  });
});
