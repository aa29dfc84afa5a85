import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { guessEncoding, isUtf8AllowingCutEnd, weighEncodingEvidence } from './encoding-detection.ts';
import { codePageOfLanguageDriver } from './language-driver.ts';
import { SourceError } from './source-error.ts';
import { chooseTextEncoding, createTextDecoder, encodingOfCodePage, normaliseEncodingLabel } from './text-encoding.ts';

const gbk = (text: string) => iconv.encode(text, 'gbk');
const utf8 = (text: string) => Buffer.from(text, 'utf8');

test('.cpg contents and user labels normalise to one decodable label', () => {
  const cases: [string, string | undefined][] = [
    ['UTF-8', 'utf-8'],
    ['utf8\r\n', 'utf-8'],
    ['65001', 'utf-8'],
    ['\uFEFFUTF-8', 'utf-8'],
    ['936', 'gbk'],
    ['CP936', 'gbk'],
    ['GBK', 'gbk'],
    ['GB2312', 'gbk'],
    ['ANSI 936', 'gbk'],
    ['GB18030', 'gb18030'],
    ['54936', 'gb18030'],
    ['950', 'big5'],
    ['BIG5', 'big5'],
    ['932', 'shift_jis'],
    ['Shift_JIS', 'shift_jis'],
    ['949', 'euc-kr'],
    ['1252', 'windows-1252'],
    ['ISO-8859-1', 'windows-1252'], // WHATWG decodes Latin-1 as its windows-1252 superset
    ['ISO 88591', 'windows-1252'],
    ['8859-5', 'iso-8859-5'],
    ['28595', 'iso-8859-5'],
    ['1251', 'windows-1251'],
    ['437', 'cp437'],
    ['OEM 850', 'cp850'],
    ['866', 'ibm866'],
    ['latin1', 'windows-1252'],
    ['klingon', undefined],
    ['', undefined],
    ['99999', undefined],
  ];
  for (const [label, expected] of cases) assert.equal(normaliseEncodingLabel(label), expected, label);
});

test('language driver ids map to code pages; 0 and 0x57 name none', () => {
  assert.equal(codePageOfLanguageDriver(0x4d), 936);
  assert.equal(codePageOfLanguageDriver(0x7a), 936);
  assert.equal(codePageOfLanguageDriver(0x4f), 950);
  assert.equal(codePageOfLanguageDriver(0x4e), 949);
  assert.equal(codePageOfLanguageDriver(0x13), 932);
  assert.equal(codePageOfLanguageDriver(0x01), 437);
  assert.equal(codePageOfLanguageDriver(0x03), 1252);
  assert.equal(codePageOfLanguageDriver(0xc9), 1251);
  assert.equal(codePageOfLanguageDriver(0x00), undefined);
  assert.equal(codePageOfLanguageDriver(0x57), undefined);
  assert.equal(encodingOfCodePage(codePageOfLanguageDriver(0x26)!), 'ibm866');
  assert.equal(encodingOfCodePage(codePageOfLanguageDriver(0x96)!), 'x-mac-cyrillic');
});

test('UTF-8 validity tolerates a character cut at the end of a field, nothing else', () => {
  assert.ok(isUtf8AllowingCutEnd(utf8('井盖')));
  assert.ok(isUtf8AllowingCutEnd(utf8('井盖').subarray(0, 4)), 'cut inside 盖');
  assert.ok(!isUtf8AllowingCutEnd(gbk('井盖')));
  assert.ok(!isUtf8AllowingCutEnd(Buffer.from([0xc0, 0xaf])), 'overlong');
  assert.ok(!isUtf8AllowingCutEnd(Buffer.from([0xed, 0xa0, 0x80])), 'surrogate');
  assert.ok(!isUtf8AllowingCutEnd(Buffer.from('M\xe9xico', 'latin1')));
});

test('detection: UTF-8 when every sample is UTF-8, GBK when Chinese-looking, else the fallback', () => {
  const chinese = ['上水井盖', '苏州市吴中区水务局', '完好', '木'];
  assert.equal(guessEncoding(weighEncodingEvidence(chinese.map(utf8)), 'gbk'), 'utf-8');
  assert.equal(guessEncoding(weighEncodingEvidence(chinese.map(gbk)), 'gbk'), 'gbk');
  assert.equal(guessEncoding(weighEncodingEvidence(chinese.map(gbk)), 'windows-1252'), 'gbk');
  assert.equal(guessEncoding(weighEncodingEvidence([gbk('井盖').subarray(0, 3)]), 'windows-1252'), 'gbk', 'a cut GBK character');
  const latin = [Buffer.from('México', 'latin1'), Buffer.from('Zürich', 'latin1')];
  assert.equal(guessEncoding(weighEncodingEvidence(latin), 'windows-1252'), 'windows-1252');
  assert.equal(guessEncoding(weighEncodingEvidence([Buffer.from('plain')]), 'gbk'), undefined, 'ASCII says nothing');
});

test('choice order: override, .cpg, LDID, detection', async () => {
  const samples = async () => [gbk('井盖')];
  assert.deepEqual((await chooseTextEncoding({ override: 'utf8', cpg: '936', languageDriver: 0x4d, samples })).choice, {
    encoding: 'utf-8',
    source: 'override',
  });
  assert.deepEqual((await chooseTextEncoding({ cpg: '936', languageDriver: 0x01, samples })).choice, { encoding: 'gbk', source: 'cpg' });
  assert.deepEqual((await chooseTextEncoding({ languageDriver: 0x4d, samples })).choice, { encoding: 'gbk', source: 'ldid' });
  assert.deepEqual((await chooseTextEncoding({ languageDriver: 0x00, samples })).choice, { encoding: 'gbk', source: 'detected' });
  assert.deepEqual((await chooseTextEncoding({ languageDriver: 0x00, samples: async () => [utf8('井盖')] })).choice, {
    encoding: 'utf-8',
    source: 'detected',
  });
  assert.deepEqual((await chooseTextEncoding({ languageDriver: 0x00, samples: async () => [utf8('FID')] })).choice, {
    encoding: 'utf-8',
    source: 'default',
  });
});

test('LDID 0x57 and .cpg "System" mean the writer\'s ANSI code page: 1252 unless the bytes are GBK or UTF-8', async () => {
  const latin = async () => [Buffer.from('México', 'latin1')];
  assert.deepEqual((await chooseTextEncoding({ languageDriver: 0x57, samples: latin })).choice, { encoding: 'windows-1252', source: 'ldid' });
  assert.deepEqual((await chooseTextEncoding({ languageDriver: 0x57, samples: async () => [gbk('路灯')] })).choice, {
    encoding: 'gbk',
    source: 'detected',
  });
  assert.deepEqual((await chooseTextEncoding({ cpg: 'System', languageDriver: 0x4d, samples: async () => [gbk('路灯')] })).choice, {
    encoding: 'gbk',
    source: 'detected',
  });
});

test('an unknown .cpg is reported and ignored; an unknown override is refused', async () => {
  const { choice, warnings } = await chooseTextEncoding({ cpg: 'EBCDIC-XYZ', cpgFile: 'a.cpg', languageDriver: 0x4d });
  assert.deepEqual(choice, { encoding: 'gbk', source: 'ldid' });
  assert.deepEqual(warnings.map((w) => [w.rule, w.file]), [['encoding.cpg_unknown', 'a.cpg']]);
  await assert.rejects(chooseTextEncoding({ override: 'nope' }), (error: unknown) => error instanceof SourceError && error.rule === 'encoding.unknown');
});

test('decoders: TextDecoder where it can, iconv-lite for DOS code pages', () => {
  assert.equal(createTextDecoder('gbk')(gbk('井盖')), '井盖');
  assert.equal(createTextDecoder('big5')(iconv.encode('臺灣', 'big5')), '臺灣');
  assert.equal(createTextDecoder('cp437')(Buffer.from([0x82, 0x94])), 'éö');
  assert.throws(() => createTextDecoder('klingon'), SourceError);
});
