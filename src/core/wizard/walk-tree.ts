import { WIZARD_TREE, type Answer, type DecisionTree, type Leaf, type NodeId, type Question } from './decision-tree';
import type { LabMode } from '../modes/lab-modes';

/** Answers keyed by question id; answers to questions off the current path are ignored. */
export type Answers = Record<string, string>;

export interface Step {
  question: Question;
  answer: Answer;
}

export interface WalkResult {
  /** Questions answered so far, root first. */
  path: Step[];
  /** Set when the answers reach a recommendation. */
  leaf?: Leaf;
  /** The first question on the path that has no valid answer yet. */
  next?: Question;
}

/** Follows `answers` from the root until a leaf or an unanswered question. */
export function walk(answers: Answers, tree: DecisionTree = WIZARD_TREE): WalkResult {
  const path: Step[] = [];
  let id: NodeId = tree.root;
  // A valid tree has no cycles; the bound keeps a broken one from hanging the page.
  for (let guard = 0; guard <= Object.keys(tree.nodes).length; guard++) {
    const node = tree.nodes[id];
    if (!node) throw new Error(`Wizard tree has no node "${id}"`);
    if (node.kind === 'leaf') return { path, leaf: node };
    const answer = node.answers.find((a) => a.id === answers[node.id]);
    if (!answer) return { path, next: node };
    path.push({ question: node, answer });
    id = answer.next;
  }
  throw new Error('Wizard tree has a cycle');
}

/**
 * Sets one answer and forgets the answers given after that question on the current path, so changing an
 * early answer restarts the walk from there instead of silently reusing stale later answers.
 */
export function answerQuestion(
  answers: Answers,
  questionId: string,
  answerId: string,
  tree: DecisionTree = WIZARD_TREE,
): Answers {
  const kept: Answers = {};
  for (const step of walk(answers, tree).path) {
    if (step.question.id === questionId) break;
    kept[step.question.id] = step.answer.id;
  }
  return { ...kept, [questionId]: answerId };
}

export function allLeaves(tree: DecisionTree = WIZARD_TREE): Leaf[] {
  return Object.values(tree.nodes).filter((n): n is Leaf => n.kind === 'leaf');
}

export function allQuestions(tree: DecisionTree = WIZARD_TREE): Question[] {
  return Object.values(tree.nodes).filter((n): n is Question => n.kind === 'question');
}

/** The recommendation first, then the modes to compare it with; no duplicates. */
export function modesToRun(leaf: Leaf): LabMode[] {
  return [...new Set<LabMode>([leaf.mode, ...leaf.compareWith])];
}

/**
 * Structural problems of a tree, as readable messages; empty when valid. Checks: the root exists, every
 * answer points at an existing node, node ids match their keys, answer ids are unique per question, every
 * question has at least two answers, every node is reachable and no path loops.
 */
export function validateTree(tree: DecisionTree): string[] {
  const problems: string[] = [];
  if (!tree.nodes[tree.root]) problems.push(`root "${tree.root}" does not exist`);
  for (const [key, node] of Object.entries(tree.nodes)) {
    if (node.id !== key) problems.push(`node stored under "${key}" has id "${node.id}"`);
    if (node.kind === 'leaf') continue;
    if (node.answers.length < 2) problems.push(`question "${key}" has fewer than two answers`);
    const ids = node.answers.map((a) => a.id);
    if (new Set(ids).size !== ids.length) problems.push(`question "${key}" repeats an answer id`);
    for (const a of node.answers) {
      if (!tree.nodes[a.next]) problems.push(`answer "${key}/${a.id}" points at missing node "${a.next}"`);
    }
  }
  const reached = new Set<NodeId>();
  const visit = (id: NodeId, onPath: NodeId[]): void => {
    if (onPath.includes(id)) {
      problems.push(`cycle: ${[...onPath, id].join(' -> ')}`);
      return;
    }
    const node = tree.nodes[id];
    if (!node) return;
    reached.add(id);
    if (node.kind === 'question') for (const a of node.answers) visit(a.next, [...onPath, id]);
  };
  visit(tree.root, []);
  for (const key of Object.keys(tree.nodes)) if (!reached.has(key)) problems.push(`node "${key}" is unreachable`);
  return problems;
}
