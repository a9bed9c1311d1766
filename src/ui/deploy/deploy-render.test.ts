/**
 * Server-side render of the deployment panel with files the lab writes (small fixtures from the writer):
 * the data-testid contract the e2e test relies on, and the numbers shown against the core's check.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { checkDeployment } from '../../core/deploy/deploy-check';
import { parseTarget } from '../../core/deploy/targets';
import { SMALL_GRAPHS } from '../../core/tflite/testing/graph-fixtures';
import { writeTflite } from '../../core/tflite/write-tflite';
import { deployChecks } from '../results/deploy-checks';
import { DeployPanel } from './DeployPanel';
import { startTestI18n } from '../i18n/test-i18n';

startTestI18n();

const files = { int8: writeTflite(SMALL_GRAPHS.int8!()), float16: writeTflite(SMALL_GRAPHS.float16!()) };
const render = (targetId: string) =>
  renderToStaticMarkup(
    createElement(DeployPanel, {
      files,
      outcomes: deployChecks(files, targetId),
      targetId,
      onTargetChange: () => {},
      heading: 'Deploy',
    }),
  );

describe('DeployPanel', () => {
  it('shows each file with its arena, fit and a C source button only when TFLite Micro runs it', () => {
    const html = render('m0-32k');
    const arena = checkDeployment(files.int8, parseTarget('m0-32k')).arena.arenaBytes;
    expect(html).toContain(`data-testid="arena-bytes-int8">${arena.toLocaleString('en-US')}<`);
    expect(html).toMatch(/data-testid="deploy-fits-int8"[^>]*>fits \(/);
    expect(html).toMatch(/data-testid="deploy-fits-float16"[^>]*>cannot run</);
    expect(html).toMatch(/<button[^>]*data-testid="download-c-float16"[^>]*disabled=""/);
    expect(html).not.toMatch(/<button[^>]*data-testid="download-c-int8"[^>]*disabled=""/);
    expect(html).toContain('data-testid="target-select"');
  });

  it('shows the custom RAM and flash inputs for a custom target', () => {
    const html = render('custom:1:1');
    expect(html).toContain('data-testid="target-ram-kb"');
    expect(html).toMatch(/data-testid="deploy-fits-int8"[^>]*>does not fit/);
  });
});
