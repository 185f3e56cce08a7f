import { describe, expect, it } from 'vitest';
import {
  MAX_QUESTION_CHARS,
  MAX_QUESTIONS_PER_ITEM,
  coreBigrams,
  coreSimilarity,
  extractQuestions,
  groupQuestions,
  questionCore,
  sameSubject,
} from '../../../server/nlp/questions';

const post = (body: string, title = '') => extractQuestions({ title, body, kind: 'post' });

describe('extractQuestions', () => {
  it.each([
    ['东湖公园附近哪里可以打流感疫苗？', '东湖公园附近哪里可以打流感疫苗？'],
    ['听说桂花路明天全天停水，是不是真的', '桂花路明天全天停水，是不是真的？'],
    ['地铁九号线什么时候开通啊', '地铁九号线什么时候开通啊？'],
    ['社保卡丢了怎么办？', '社保卡丢了怎么办？'],
    ['外地车牌能不能进老城区', '外地车牌能不能进老城区？'],
    ['菜市场为什么突然关门了？', '菜市场为什么突然关门了？'],
    ['小区附近有没有核酸采样点', '小区附近有没有核酸采样点？'],
    ['图书馆周末开放吗', '图书馆周末开放吗？'],
    ['这个通知说的补贴今年还发？', '这个通知说的补贴今年还发？'],
  ])('finds the question in %s', (text, expected) => {
    expect(post(text)).toEqual([expected]);
  });

  it('removes mentions, links, emoji, emoticons and openers, and ends every question with ？', () => {
    const qs = post('@清河发布 @小王同学 请问一下 新开的游泳馆在哪里办卡😂😂[doge] https://t.cn/A6xyz 谢谢大家');
    expect(qs).toEqual(['新开的游泳馆在哪里办卡 谢谢大家？']);
    expect(post('有人知道少年宫暑假班什么时候报名吗？')).toEqual(['少年宫暑假班什么时候报名吗？']);
    expect(post('听说青年路小学要拆迁，是真的吗')).toEqual(['青年路小学要拆迁，是真的吗？']);
  });

  it('keeps the clause before a short question, which says what it is about', () => {
    expect(post('孩子的医保卡还没激活，请问去哪办？')).toEqual(['孩子的医保卡还没激活，去哪办？']);
  });

  it('skips exclamations, rhetorical phrases, statements and fragments', () => {
    for (const text of [
      '谁知道呢！反正也没人管',
      '这家店的蛋糕怎么这么好吃！',
      '无论如何都要坚持下去。',
      '我在家里吃饭呢。',
      '今天天气不错，出去走走。',
      '是吗？',
      '咋办？',
      '是不是真的？',
      '凭什么不让我们进去？',
      '怎么可能呢，他早就搬走了',
    ]) {
      expect(post(text), text).toEqual([]);
    }
  });

  it('reads several sentences, each question once, at most a bounded number', () => {
    expect(post('停水了怎么办？家里老人没水喝了。到底什么时候恢复供水？？')).toEqual(['停水了怎么办？', '到底什么时候恢复供水？']);
    expect(post('北门什么时候开？北门什么时候开？')).toHaveLength(1);
    const many = Array.from({ length: 9 }, (_, i) => `第${i + 1}号楼的电梯什么时候修好？`).join('');
    expect(post(many)).toHaveLength(MAX_QUESTIONS_PER_ITEM);
  });

  it('bounds the length of a question, keeping its end', () => {
    const long = `${'我们小区的居民已经反映了很多次这个问题'.repeat(5)}，到底什么时候才能解决小区门口的积水问题？`;
    const [q] = post(long);
    expect(q!.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS + 1);
    expect(q).toMatch(/什么时候才能解决小区门口的积水问题？$/);
  });

  it('reads a title repeating the start of the body once, and a separate title too', () => {
    expect(post('地铁九号线什么时候开通？听说要延期', '地铁九号线什么时候开通？')).toEqual(['地铁九号线什么时候开通？']);
    expect(post('已经等了半年了。', '体育馆什么时候对外开放')).toEqual(['体育馆什么时候对外开放？']);
  });

  it('asks nothing of notices and news', () => {
    expect(extractQuestions({ title: '关于停水的通知', body: '哪里可以取水？各社区设有临时供水点。', kind: 'notice' })).toEqual([]);
    expect(extractQuestions({ title: '新闻', body: '疫苗什么时候到货？记者进行了采访。', kind: 'news' })).toEqual([]);
  });
});

describe('question similarity', () => {
  const sim = (a: string, b: string) => coreSimilarity(coreBigrams(a), coreBigrams(b));

  it('takes question words out of what a question is about', () => {
    expect(questionCore('请问哪里可以打流感疫苗吗？')).toBe('打流感疫苗');
    expect(questionCore('什么时候开学？')).toBe('开学');
  });

  it('finds the same question in other words', () => {
    expect(sim('哪里可以打流感疫苗？', '流感疫苗在哪里打？')).toBeGreaterThanOrEqual(0.45);
    expect(sim('明天停水吗？', '阳光花园明天停水是真的吗？')).toBeGreaterThanOrEqual(0.45);
  });

  it('keeps questions about different things apart, however alike their question words', () => {
    expect(sim('什么时候开学？', '什么时候停水？')).toBe(0);
    expect(sim('停水是不是真的？', '停水什么时候恢复？')).toBeLessThan(0.45);
    expect(sim('哪里可以打流感疫苗？', '哪里可以办社保卡？')).toBe(0);
  });
});

describe('groupQuestions', () => {
  it('groups wordings of one question, seeded by the first (most asked) one, and leaves others apart', () => {
    const qs = ['哪里可以打流感疫苗？', '地铁九号线什么时候开通？', '流感疫苗在哪里打？', '九号线什么时候开通啊？', '哪里可以办社保卡？', '哪里可以打流感疫苗？'];
    const groups = groupQuestions(qs, questionCore);
    expect(groups.map((g) => g.members)).toEqual([
      ['哪里可以打流感疫苗？', '流感疫苗在哪里打？', '哪里可以打流感疫苗？'],
      ['地铁九号线什么时候开通？', '九号线什么时候开通啊？'],
      ['哪里可以办社保卡？'],
    ]);
    expect(groups[0]!.seedCore).toBe('打流感疫苗');
  });

  it('keeps apart questions that share a long place name but ask about different things', () => {
    const groups = groupQuestions(['阳光花园明天停水吗？', '阳光花园明天停电吗？', '桂花路哪里可以办社保卡？', '桂花路哪里可以摇号？', '明天停水吗？'], questionCore);
    expect(groups.map((g) => g.members)).toEqual([
      ['阳光花园明天停水吗？', '明天停水吗？'],
      ['阳光花园明天停电吗？'],
      ['桂花路哪里可以办社保卡？'],
      ['桂花路哪里可以摇号？'],
    ]);
    expect(sameSubject(questionCore('小区附近哪里有核酸采样点？'), questionCore('核酸采样点在哪里？'))).toBe(true);
  });

  it('joins a one-word question only to the same word', () => {
    const groups = groupQuestions(['停水怎么办？', '停水什么时候恢复？', '停水了怎么办？'], questionCore);
    expect(groups.map((g) => g.members.length)).toEqual([2, 1]);
  });
});
