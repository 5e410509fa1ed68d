import { expect } from 'chai';
import { WHITE, contrastRatio, normalizeHexColour, parseHexColour } from '../../web/site/colour.js';

describe('theme colours', () => {
  it('reads #rgb and #rrggbb, nothing else', () => {
    expect(parseHexColour('#00665e')).to.deep.equal([0, 102, 94]);
    expect(parseHexColour('#FFF')).to.deep.equal([255, 255, 255]);
    for (const bad of ['00665e', '#00665', 'teal', 'rgb(0,0,0)', '#00665e; color: red', '']) expect(parseHexColour(bad), bad).to.equal(undefined);
    expect(normalizeHexColour('#0AF')).to.equal('#00aaff');
  });

  it('computes WCAG contrast ratios (black on white 21:1, known pairs)', () => {
    expect(contrastRatio([0, 0, 0], WHITE)).to.be.closeTo(21, 0.001);
    expect(contrastRatio(WHITE, WHITE)).to.equal(1);
    // #767676 is the classic lightest grey that passes 4.5:1 on white.
    expect(contrastRatio(parseHexColour('#767676') ?? WHITE, WHITE)).to.be.closeTo(4.54, 0.01);
    expect(contrastRatio(parseHexColour('#777777') ?? WHITE, WHITE)).to.be.below(4.5);
  });
});
