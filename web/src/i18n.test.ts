import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initialLocale, nameField, t } from './i18n.ts';

test('Chinese is the default; ?lang= beats the remembered choice', () => {
  assert.equal(initialLocale('', null), 'zh');
  assert.equal(initialLocale('', 'en'), 'en');
  assert.equal(initialLocale('?lang=zh', 'en'), 'zh');
  assert.equal(initialLocale('?lang=fr', 'xx'), 'zh');
});

test('strings fill their placeholders', () => {
  assert.equal(t('en', 'zoom', { zoom: '12.0' }), 'Zoom 12.0');
  assert.equal(t('zh', 'fromZoom', { zoom: 12.5 }), '12.5 级起');
});

test('labels read name_zh in Chinese and name_en in English', () => {
  assert.equal(nameField('zh'), 'name_zh');
  assert.equal(nameField('en'), 'name_en');
});
