import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../web/src/api/client';
import {
  addTerms,
  checkTopicForm,
  emptyTopicForm,
  fieldErrorsFromApi,
  formFromTopic,
  formToBody,
  normaliseTerm,
  parseTerms,
  rulesSummary,
} from '../../../web/src/features/topics/topic-form';
import type { Topic } from '../../../server/contracts/topic';

const texts = { needName: 'need name', needKeyword: 'need keyword', duplicateName: 'dup' };

describe('topic keyword groups', () => {
  it('keeps "|" alternatives in one group, trimmed, without empty alternatives', () => {
    expect(normaliseTerm(' 地铁 | 轨道交通 ')).toBe('地铁|轨道交通');
    expect(normaliseTerm('a||b|')).toBe('a|b');
    expect(normaliseTerm('地铁｜轻轨')).toBe('地铁|轻轨');
    expect(normaliseTerm(' | ')).toBe('');
  });

  it('splits typed or pasted text into groups on commas, 、, semicolons and new lines', () => {
    expect(parseTerms('地铁|轨道交通，公交、出租车;共享单车\n网约车')).toEqual(['地铁|轨道交通', '公交', '出租车', '共享单车', '网约车']);
    expect(parseTerms(' , ，')).toEqual([]);
  });

  it('adds groups once, in order', () => {
    expect(addTerms(['公交'], '公交,地铁')).toEqual(['公交', '地铁']);
  });
});

describe('topic form ↔ request', () => {
  const topic: Topic = {
    id: 3,
    name: '交通',
    description: null,
    includeAll: ['地铁|轨道交通'],
    includeAny: [],
    exclude: ['广告'],
    sourceIds: ['demo-news'],
    kinds: ['news'],
    createdBy: '王',
    createdAt: '2026-11-28T00:00:00Z',
    updatedAt: '2026-11-28T00:00:00Z',
    matchedAt: null,
    itemCount: 0,
    last24h: 0,
  };

  it('round-trips a topic through the form', () => {
    const body = formToBody(formFromTopic(topic));
    expect(body).toEqual({ name: '交通', description: null, includeAll: ['地铁|轨道交通'], includeAny: [], exclude: ['广告'], sourceIds: ['demo-news'], kinds: ['news'] });
  });

  it('trims, drops blanks and duplicates, and sends an empty description as null', () => {
    const f = { ...emptyTopicForm(), name: ' 疫情 ', description: '  ', includeAny: ['a', ' a ', '|', 'b|'], kinds: ['post', 'post'] as ('post')[] };
    expect(formToBody(f)).toMatchObject({ name: '疫情', description: null, includeAny: ['a', 'b'], kinds: ['post'] });
  });

  it('asks for a name and at least one include keyword before saving', () => {
    expect(checkTopicForm(emptyTopicForm(), texts)).toEqual({ name: 'need name', includeAll: 'need keyword' });
    expect(checkTopicForm({ ...emptyTopicForm(), name: 'x', exclude: ['a'] }, texts)).toEqual({ includeAll: 'need keyword' });
    expect(checkTopicForm({ ...emptyTopicForm(), name: 'x', includeAny: ['a'] }, texts)).toEqual({});
  });
});

describe('server errors next to the fields', () => {
  it('puts a 409 on the name', () => {
    expect(fieldErrorsFromApi(new ApiError(409, 'conflict', 'a topic named "x" already exists'), texts)).toEqual({ name: 'dup' });
  });

  it('maps 422 field paths (with or without the "topic." prefix) to fields, the rest to the form', () => {
    const err = new ApiError(422, 'validation_failed', 'invalid', [
      { path: 'topic.name', message: 'too long' },
      { path: 'includeAll.2', message: 'empty alternative' },
      { path: 'includeAll', message: 'need one' },
      { path: 'actor', message: 'required' },
      { path: 'weird', message: 'hm' },
    ]);
    expect(fieldErrorsFromApi(err, texts)).toEqual({ name: 'too long', includeAll: 'empty alternative；need one', actor: 'required', form: 'hm' });
  });

  it('words each field error as told (the reader\'s language), the server\'s message by default', () => {
    const err = new ApiError(422, 'validation_failed', 'invalid', [{ path: 'name', message: 'Too big', code: 'too_big', params: { maximum: 40, origin: 'string' } }]);
    expect(fieldErrorsFromApi(err, texts, (f) => `${f.code}:${f.params?.maximum}`)).toEqual({ name: 'too_big:40' });
    expect(fieldErrorsFromApi(err, texts)).toEqual({ name: 'Too big' });
  });

  it('returns nothing for other failures (shown on the form instead)', () => {
    expect(fieldErrorsFromApi(new Error('x'), texts)).toEqual({});
    expect(fieldErrorsFromApi(new ApiError(0, 'network_error', 'down'), texts)).toEqual({});
  });
});

describe('rules summary', () => {
  it('lists the groups of each kind that has any', () => {
    const fmt = { all: (s: string) => `全含：${s}`, any: (s: string) => `任一：${s}`, exclude: (s: string) => `排除：${s}` };
    expect(rulesSummary({ includeAll: ['a|b', 'c'], includeAny: [], exclude: ['d'] }, fmt)).toBe('全含：a|b、c；排除：d');
  });
});
