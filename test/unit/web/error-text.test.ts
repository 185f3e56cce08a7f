import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../web/src/api/client';
import { KNOWN_ERROR_CODES, describeError } from '../../../web/src/api/error-text';
import { zhCN } from '../../../web/src/i18n/zh-CN';
import { en } from '../../../web/src/i18n/en';

const t = (key: string) => key.split('.').reduce((o: unknown, k) => (o as Record<string, unknown>)[k], zhCN) as string;

describe('error messages for the user', () => {
  it('has wording for every known code in both languages', () => {
    for (const code of KNOWN_ERROR_CODES) {
      expect(zhCN.errors[code], code).toBeTruthy();
      expect(en.errors[code], code).toBeTruthy();
    }
  });

  it('words a known code in the UI language, whatever the server message says', () => {
    expect(describeError(new ApiError(0, 'network_error', 'Failed to fetch'), t)).toBe(zhCN.errors.network_error);
    expect(describeError(new ApiError(503, 'search_unavailable', 'meilisearch down'), t)).toBe(zhCN.errors.search_unavailable);
  });

  it('lists field errors, and the request id of a server failure', () => {
    const v = new ApiError(422, 'validation_failed', 'invalid body', [{ path: 'reviewer', message: 'Too small' }]);
    expect(describeError(v, t)).toBe(`${zhCN.errors.validation_failed}（reviewer: Too small）`);
    const s = new ApiError(500, 'internal_error', 'x', [], 'req-42');
    expect(describeError(s, t)).toBe(`${zhCN.errors.internal_error} [req-42]`);
  });

  it("shows the server's detail for a code it does not know, and a generic text for anything else", () => {
    expect(describeError(new ApiError(429, 'rate_limited', '请求过于频繁'), t)).toBe('请求过于频繁');
    expect(describeError(new TypeError('x is undefined'), t)).toBe(zhCN.errors.unknown);
    expect(describeError(null, t)).toBe(zhCN.errors.unknown);
  });
});
