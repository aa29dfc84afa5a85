import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeXml, fitText, groupCode, layoutCard, shortGridPath, textWidthEm, type CardContent, type CardLayout } from './card-layout.ts';

/** Both layers' SVG, for looking for text. */
const svgOf = (layout: CardLayout) => layout.background.svg + layout.text;

const content: CardContent = {
  code: '3205060101000001',
  url: 'https://grid.example.cn/map?component=3205060101000001',
  className: { zh: '上水井盖', en: 'Water supply manhole cover' },
  department: { zh: '苏州市吴中供水有限公司', en: 'Suzhou Wuzhong Water Supply Co., Ltd.' },
  gridPath: ['长桥街道', '长桥街道第01社区', '长桥街道第01社区01网格'],
  gridCode: '32050600100101',
  surveyDate: '2024-06-02',
  district: { zh: '吴中区', en: 'Wuzhong District' },
};

test('the code is grouped as district, major class, sub-class, serial', () => {
  assert.equal(groupCode('3205060101000001'), '320506 01 01 000001');
  assert.equal(groupCode('3205060207001234'), '320506 02 07 001234');
});

test("a grid path drops each name's repeated parent prefix", () => {
  assert.deepEqual(shortGridPath(['长桥街道', '长桥街道第01社区', '长桥街道第01社区01网格']), ['长桥街道', '第01社区', '01网格']);
  // a name that does not repeat its parent stays whole
  assert.deepEqual(shortGridPath(['越溪街道', '吴山社区', '吴山社区']), ['越溪街道', '吴山社区', '吴山社区']);
});

test('Chinese is one em a character; Latin narrower', () => {
  assert.equal(textWidthEm('井盖'), 2);
  assert.ok(textWidthEm('manhole') < 7 * 0.7 && textWidthEm('manhole') > 7 * 0.4);
});

test('fitText shrinks to fit, then cuts with an ellipsis at the smallest size', () => {
  assert.deepEqual(fitText('上水井盖', 400, 46, 28), { text: '上水井盖', size: 46 });
  assert.deepEqual(fitText('上水井盖', 4 * 30, 46, 28), { text: '上水井盖', size: 30 });
  const cut = fitText('吴中区城市运行管理中心（区联动指挥中心）', 200, 28, 18);
  assert.equal(cut.size, 18);
  assert.ok(cut.text.endsWith('…'), cut.text);
  assert.ok(textWidthEm(cut.text) * 18 <= 200, cut.text);
});

test('text is escaped for XML', () => {
  assert.equal(escapeXml(`<a & "b" 'c'>`), '&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;');
  const svg = svgOf(layoutCard({ ...content, className: { zh: '井盖<&>', en: 'x & y' } }, { hasPhoto: true }));
  assert.ok(svg.includes('井盖&lt;&amp;&gt;') && svg.includes('x &amp; y'));
  assert.ok(!svg.includes('井盖<&>'));
});

test('the layout prints every field, and a placeholder only without a photo', () => {
  const layout = layoutCard(content, { hasPhoto: false });
  const { photo, qr } = layout;
  const svg = svgOf(layout);
  for (const part of ['吴中区 · 部件身份证', 'Wuzhong District', '上水井盖', 'Water supply manhole cover', '苏州市吴中供水有限公司', '长桥街道 › 第01社区 › 01网格', '32050600100101', '2024-06-02', '320506 01 01 000001', '暂无照片']) {
    assert.ok(svg.includes(escapeXml(part)), `the card shows ${part}`);
  }
  assert.ok(!svgOf(layoutCard(content, { hasPhoto: true })).includes('暂无照片'));
  // the photo and the QR code do not overlap, and both stay on the card
  assert.ok(photo.left + photo.width < qr.left);
  assert.ok(qr.left + qr.width <= 1011 && qr.top + qr.height <= 638 && photo.top + photo.height <= 470);
});

test('an unowned component without a grid or date still gets a card', () => {
  const { text } = layoutCard({ ...content, department: null, gridPath: [], gridCode: null, surveyDate: null }, { hasPhoto: false });
  assert.ok(text.includes('未确定 Not assigned'));
  assert.ok(text.startsWith('<svg') && text.endsWith('</svg>'));
});

test("the background is the district's, shared by every card; the text layer is the component's, transparent", () => {
  const a = layoutCard(content, { hasPhoto: false });
  const b = layoutCard({ ...content, code: '3205060207000009', className: { zh: '路灯', en: 'Street lamp' }, department: null }, { hasPhoto: false });
  assert.equal(a.background.key, b.background.key);
  assert.equal(a.background.svg, b.background.svg);
  assert.notEqual(a.text, b.text);
  assert.ok(!a.text.includes('<rect') && !a.background.svg.includes('上水井盖') && !a.background.svg.includes('320506 01 01'));
  // with a photo there is no placeholder: another background
  assert.notEqual(layoutCard(content, { hasPhoto: true }).background.key, a.background.key);
  assert.notEqual(layoutCard({ ...content, district: { zh: '姑苏区', en: 'Gusu District' } }, { hasPhoto: false }).background.key, a.background.key);
});
