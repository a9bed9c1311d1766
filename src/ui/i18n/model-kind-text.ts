/**
 * The inspector's description of a file (src/core/tflite/model-notes.ts) in the shown language: the core writes
 * the English, messages/model-kind.zh-TW.ts the zh-TW, both from the same data.
 */
import {
  englishFeedLabel,
  englishFeedReason,
  englishModelNote,
  englishOutputScores,
  type FeedReason,
  type FeedText,
  type ModelNote,
  type OutputScores,
} from '../../core/tflite/model-notes';
import { englishInspectNote, type InspectNote } from '../../core/tflite/inspect-notes';
import type { Language } from './languages';
import { feedLabelZh, feedReasonZh, inspectNoteZh, modelNoteZh, outputScoresZh } from './messages/model-kind.zh-TW';

/** One note (a kind's title part or a detail). */
export function modelNoteText(p: ModelNote, language: Language): string {
  return language === 'zh-TW' ? modelNoteZh(p) : englishModelNote(p);
}

/** Several title notes as one line. */
export function modelTitleText(ps: readonly ModelNote[], language: Language): string {
  return ps.map((p) => modelNoteText(p, language)).join(language === 'zh-TW' ? '' : ' ');
}

/** How an MNIST image is fed to the input. */
export function feedLabelText(f: FeedText, language: Language): string {
  return language === 'zh-TW' ? feedLabelZh(f) : englishFeedLabel(f);
}

/** Why this pixel range. */
export function feedReasonText(p: FeedReason, language: Language): string {
  return language === 'zh-TW' ? feedReasonZh(p) : englishFeedReason(p);
}

/** What the output holds. */
export function outputScoresText(o: OutputScores, language: Language): string {
  return language === 'zh-TW' ? outputScoresZh(o) : englishOutputScores(o);
}

/** A warning or remark about the file. */
export function inspectNoteText(p: InspectNote, language: Language): string {
  return language === 'zh-TW' ? inspectNoteZh(p) : englishInspectNote(p);
}
