import { describe, expect, it } from 'vitest';
import { WIZARD_TREE, type DecisionTree } from './decision-tree';
import type { LabMode } from '../modes/lab-modes';
import { allLeaves, allQuestions, answerQuestion, modesToRun, validateTree, walk, type Answers } from './walk-tree';

/** Every combination of one answer per question (answers off the path are simply ignored by walk). */
function allAnswerSets(tree: DecisionTree): Answers[] {
  let sets: Answers[] = [{}];
  for (const q of allQuestions(tree)) {
    sets = sets.flatMap((s) => q.answers.map((a) => ({ ...s, [q.id]: a.id })));
  }
  return sets;
}

describe('wizard tree structure', () => {
  it('is valid: no dangling answers, no cycles, every node reachable', () => {
    expect(validateTree(WIZARD_TREE)).toEqual([]);
  });

  it('reaches every leaf from some full answer set, and every full answer set reaches a leaf', () => {
    const sets = allAnswerSets(WIZARD_TREE);
    expect(sets.length).toBeGreaterThan(100);
    const reached = new Set<string>();
    for (const s of sets) {
      const r = walk(s);
      expect(r.leaf, JSON.stringify(s)).toBeDefined();
      expect(r.next).toBeUndefined();
      reached.add(r.leaf!.id);
    }
    expect([...reached].sort()).toEqual(
      allLeaves()
        .map((l) => l.id)
        .sort(),
    );
  });

  it('recommends every lab mode somewhere', () => {
    const modes = new Set(allLeaves().map((l) => l.mode));
    expect([...modes].sort()).toEqual(['dynamic', 'float16', 'float32', 'int16x8', 'int8', 'int8-io', 'qat']);
  });

  it.each(allLeaves().map((l) => [l.id, l] as const))('leaf %s explains itself', (_, leaf) => {
    expect(leaf.title.length).toBeGreaterThan(5);
    expect(leaf.reason.length).toBeGreaterThan(40);
    for (const t of Object.values(leaf.tradeoffs)) expect(t.trim()).not.toBe('');
    expect(leaf.expected.sizeRatio).toBeGreaterThanOrEqual(1);
    expect(leaf.compareWith).not.toContain(leaf.mode);
    if (leaf.mode !== 'float32') expect(leaf.compareWith[0]).toBe('float32');
    expect(leaf.ifInaccurate).not.toContain(leaf.mode);
  });

  it.each(allQuestions().map((q) => [q.id, q] as const))('question %s has text, help and labelled answers', (_, q) => {
    expect(q.text).toMatch(/\?$/);
    expect(q.help.length).toBeGreaterThan(20);
    for (const a of q.answers) expect(a.label && a.short).toBeTruthy();
  });
});

describe('walk', () => {
  it.each<[string, Answers, LabMode, string]>([
    ['no optimization -> float32', { optimize: 'no' }, 'float32', 'leaf-float32'],
    ['GPU -> float16', { optimize: 'yes', hardware: 'gpu' }, 'float16', 'leaf-gpu-float16'],
    [
      'CPU, half the size -> float16',
      { optimize: 'yes', hardware: 'cpu', size: 'half' },
      'float16',
      'leaf-cpu-float16',
    ],
    [
      'CPU, no data -> dynamic',
      { optimize: 'yes', hardware: 'cpu', size: 'quarter', 'cpu-data': 'no' },
      'dynamic',
      'leaf-cpu-dynamic',
    ],
    [
      'CPU, data, speed -> int8',
      { optimize: 'yes', hardware: 'cpu', size: 'quarter', 'cpu-data': 'yes', priority: 'speed' },
      'int8',
      'leaf-cpu-int8',
    ],
    [
      'CPU, data, accuracy, retrain -> qat',
      { optimize: 'yes', hardware: 'cpu', size: 'quarter', 'cpu-data': 'yes', priority: 'accuracy', retrain: 'yes' },
      'qat',
      'leaf-cpu-qat',
    ],
    [
      'CPU, data, accuracy, no retrain -> int16x8',
      { optimize: 'yes', hardware: 'cpu', size: 'quarter', 'cpu-data': 'yes', priority: 'accuracy', retrain: 'no' },
      'int16x8',
      'leaf-cpu-int16x8',
    ],
    [
      'MCU with data -> int8-io',
      { optimize: 'yes', hardware: 'mcu', 'integer-data': 'yes' },
      'int8-io',
      'leaf-integer-int8-io',
    ],
    [
      'Edge TPU with data -> int8-io',
      { optimize: 'yes', hardware: 'edgetpu', 'integer-data': 'yes' },
      'int8-io',
      'leaf-integer-int8-io',
    ],
    [
      'MCU, no data, retrain -> qat',
      { optimize: 'yes', hardware: 'mcu', 'integer-data': 'no', 'integer-retrain': 'yes' },
      'qat',
      'leaf-integer-qat',
    ],
    [
      'Edge TPU, no data, no retrain -> int8-io',
      { optimize: 'yes', hardware: 'edgetpu', 'integer-data': 'no', 'integer-retrain': 'no' },
      'int8-io',
      'leaf-integer-needs-data',
    ],
  ])('%s', (_, answers, mode, leafId) => {
    const r = walk(answers);
    expect(r.leaf?.mode).toBe(mode);
    expect(r.leaf?.id).toBe(leafId);
    expect(r.path.map((s) => s.question.id)).toEqual(Object.keys(answers));
  });

  it('stops at the first unanswered question and returns the path so far', () => {
    const r = walk({ optimize: 'yes', hardware: 'cpu', 'cpu-data': 'no' });
    expect(r.leaf).toBeUndefined();
    expect(r.next?.id).toBe('size');
    expect(r.path.map((s) => `${s.question.id}=${s.answer.id}`)).toEqual(['optimize=yes', 'hardware=cpu']);
  });

  it('treats an unknown answer id as unanswered', () => {
    expect(walk({ optimize: 'maybe' }).next?.id).toBe('optimize');
  });

  it('the integer-only leaf without data states its prerequisite', () => {
    const leaf = walk({ optimize: 'yes', hardware: 'mcu', 'integer-data': 'no', 'integer-retrain': 'no' }).leaf!;
    expect(leaf.prerequisite).toMatch(/representative inputs/);
    expect(leaf.reason).toMatch(/sample inputs/);
  });

  it('throws on a cyclic tree instead of hanging', () => {
    const loop: DecisionTree = {
      root: 'a',
      nodes: {
        a: {
          kind: 'question',
          id: 'a',
          label: 'A',
          text: 'A?',
          help: '',
          answers: [
            { id: 'x', label: 'x', short: 'x', next: 'a' },
            { id: 'y', label: 'y', short: 'y', next: 'a' },
          ],
        },
      },
    };
    expect(() => walk({ a: 'x' }, loop)).toThrow(/cycle/);
  });
});

describe('answerQuestion', () => {
  it('forgets later answers when an earlier one changes', () => {
    const before = { optimize: 'yes', hardware: 'cpu', size: 'quarter', 'cpu-data': 'yes', priority: 'speed' };
    expect(answerQuestion(before, 'hardware', 'gpu')).toEqual({ optimize: 'yes', hardware: 'gpu' });
    expect(walk(answerQuestion(before, 'hardware', 'gpu')).leaf?.mode).toBe('float16');
  });

  it('adds the next answer without touching earlier ones', () => {
    expect(answerQuestion({ optimize: 'yes' }, 'hardware', 'mcu')).toEqual({ optimize: 'yes', hardware: 'mcu' });
  });
});

describe('modesToRun', () => {
  it('puts the recommendation first, then its comparisons, without duplicates', () => {
    const int8 = walk({
      optimize: 'yes',
      hardware: 'cpu',
      size: 'quarter',
      'cpu-data': 'yes',
      priority: 'speed',
    }).leaf!;
    expect(modesToRun(int8)).toEqual(['int8', 'float32', 'dynamic', 'int16x8']);
    for (const leaf of allLeaves()) expect(new Set(modesToRun(leaf)).size).toBe(modesToRun(leaf).length);
  });
});

describe('validateTree finds broken trees', () => {
  const q = (id: string, nexts: string[]) => ({
    kind: 'question' as const,
    id,
    label: id,
    text: `${id}?`,
    help: '',
    answers: nexts.map((n, i) => ({ id: `a${i}`, label: n, short: n, next: n })),
  });
  const leaf = { ...allLeaves()[0]!, id: 'L' };

  it.each<[string, DecisionTree, RegExp]>([
    ['dangling answer', { root: 'a', nodes: { a: q('a', ['L', 'nowhere']), L: leaf } }, /missing node "nowhere"/],
    ['cycle', { root: 'a', nodes: { a: q('a', ['b', 'L']), b: q('b', ['a', 'L']), L: leaf } }, /cycle: a -> b -> a/],
    [
      'unreachable node',
      { root: 'a', nodes: { a: q('a', ['L', 'L']), b: q('b', ['L', 'L']), L: leaf } },
      /"b" is unreachable/,
    ],
    ['missing root', { root: 'zz', nodes: { L: leaf } }, /root "zz"/],
    ['single answer', { root: 'a', nodes: { a: q('a', ['L']), L: leaf } }, /fewer than two answers/],
    ['id mismatch', { root: 'a', nodes: { a: q('a', ['L', 'M']), L: leaf, M: leaf } }, /stored under "M" has id "L"/],
  ])('%s', (_, tree, message) => {
    expect(validateTree(tree).join('\n')).toMatch(message);
  });
});
