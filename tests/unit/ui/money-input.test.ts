// The one parser of typed amounts and the cash quick amounts (src/money-input.ts): integer minor units only.
import { describe, expect, it } from 'vitest';
import { activate } from '../../../src/i18n.ts';
import { currencyDigits, moneyInputText, parseMoney, quickAmounts } from '../../../src/money-input.ts';

describe('parseMoney', () => {
  it('reads whole and decimal amounts with a dot or a comma', () => {
    expect(parseMoney('12', 'EUR')).toBe(1200);
    expect(parseMoney('12.5', 'EUR')).toBe(1250);
    expect(parseMoney('12,50', 'EUR')).toBe(1250);
    expect(parseMoney(' €0.07 ', 'EUR')).toBe(7);
    expect(parseMoney('.5', 'EUR')).toBe(50);
    expect(parseMoney('0.29', 'EUR')).toBe(29); // 0.29 * 100 is 28.999… as a float
    expect(parseMoney('1.15', 'USD')).toBe(115);
  });
  it('follows the currency’s decimals', () => {
    expect(currencyDigits('JPY')).toBe(0);
    expect(parseMoney('1200', 'JPY')).toBe(1200);
    expect(parseMoney('12.5', 'JPY')).toBeNull();
    expect(currencyDigits('KWD')).toBe(3);
    expect(parseMoney('1.234', 'KWD')).toBe(1234);
  });
  it('refuses what is not an amount', () => {
    for (const bad of ['', '.', 'abc', '1.2.3', '-5', '12.345', '1,250.00', '1e3', '12 a'])
      expect(parseMoney(bad, 'EUR'), bad).toBeNull();
  });
  it('round-trips through the textbox text', () => {
    for (const cents of [0, 7, 50, 1250, 123456])
      expect(parseMoney(moneyInputText(cents, 'EUR'), 'EUR')).toBe(cents);
    expect(moneyInputText(1200, 'JPY')).toBe('1200');
  });
  it('writes the decimal mark of the active language: a comma in German, French and Spanish', async () => {
    expect(moneyInputText(1250, 'EUR')).toBe('12.50');
    expect(moneyInputText(1234, 'KWD', ',')).toBe('1,234');
    for (const locale of ['de', 'fr', 'es', 'ar', 'en'] as const) {
      await activate(locale);
      const text = moneyInputText(1250, 'EUR');
      expect(text, locale).toBe(locale === 'ar' || locale === 'en' ? '12.50' : '12,50');
      expect(parseMoney(text, 'EUR'), locale).toBe(1250);
    }
  });
});

describe('quickAmounts', () => {
  it('offers the exact amount, then the next notes', () => {
    expect(quickAmounts(450, 'EUR')).toEqual([450, 500, 1000, 2000]);
    expect(quickAmounts(1000, 'EUR')).toEqual([1000, 2000, 5000, 10000]);
    expect(quickAmounts(3700, 'EUR')).toEqual([3700, 5000, 10000, 20000]);
    expect(quickAmounts(450, 'USD')).toEqual([450, 500, 1000, 2000]);
    expect(quickAmounts(1500, 'JPY')).toEqual([1500, 2000, 5000, 10000]);
  });
  it('offers only the exact amount above the largest note, and nothing when nothing is due', () => {
    expect(quickAmounts(30000, 'EUR')).toEqual([30000]);
    expect(quickAmounts(0, 'EUR')).toEqual([]);
  });
});
