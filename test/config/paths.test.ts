import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { projectPath } from '../../config/paths.js';

describe('projectPath', () => {
  it('resolves files in the source tree from compiled code', () => {
    expect(existsSync(projectPath('package.json'))).to.equal(true);
    expect(existsSync(projectPath('tsconfig.json'))).to.equal(true);
  });
});
