import type { ClauseInfo, MentionPlace, MessageAnalysis, SentenceInfo } from './analysis.js';
import { isHypothetical, isUncertain } from './framing.js';
import { isNegated } from './negation.js';
import { clearedByAssessment, followedByADoctorNear, isLongStanding, isPast, isPastInItsOwnWords, passedWithItsCause, resolvedLater, returnedLater, unchangedLater, unchangedLaterInItsSentence } from './timing.js';

/**
 * How a symptom is mentioned, judged from the words around it (rules in red-flags.yaml only say
 * what the symptom looks like):
 * - negated: "no numbness down there", "I don't have any bladder issues", "bladder is fine";
 * - hypothetical: a question or lesson about symptoms in general ("can sciatica affect the
 *   bladder?", "what should I do if I lose bladder control?", "I read that…");
 * - uncertain: "not sure if my butt is numb" (worth one closed question), and a sensation that
 *   passed once its everyday cause ended ("bum went numb on the coach, fine as soon as I got off");
 * - past: over and done with ("years ago, healed fine"; "felt weak yesterday, back to normal
 *   today"), or already examined and cleared ("seen in the ER, scans clear, discharged");
 * - long-standing: "for years, nothing new" (worth asking whether it is new);
 * - report: anything else, including questions that report ("is it normal that I can't pee?").
 */
export type MentionStatus = 'report' | 'long-standing' | 'uncertain' | 'hypothetical' | 'past' | 'negated';

export interface StatusOptions {
  /** A history ("had cancer years ago") still counts however long ago it was. */
  readonly history: boolean;
  /**
   * A history (a rule's history part) is told in the same clause or sentence: the past time there
   * may date the history, not this mention ("my mother (breast cancer in 1998) has developed back
   * pain", "had lung cancer 2 years ago and my foot's gone numb"); in the sentence, only the
   * mention's own clause can make it past ("osteoporosis, slipped last year, healed well").
   */
  readonly historyTold?: 'clause' | 'sentence';
  /**
   * Spans of the same clause taken by other parts of the rule: a "not" inside them belongs to
   * that phrase ("pain doesn't let up even when lying still") and negates nothing else.
   */
  readonly ignore?: ReadonlyArray<readonly [number, number]>;
}

export function mentionStatus(analysis: MessageAnalysis, place: MentionPlace, options: StatusOptions): MentionStatus {
  const sentence = analysis.sentences[place.sentence];
  const clause = sentence?.clauses[place.clause];
  if (!sentence || !clause) return 'report';
  if (isNegated(analysis, place, options.ignore ?? [], options.history)) return 'negated';
  if (isHypothetical(sentence, clause, place, analysis.sentences[place.sentence + 1])) return 'hypothetical';
  if (isUncertain(clause, place)) return 'uncertain';
  // "…cleared after my op in 2019. It came back this morning": over once, going on now (asked
  // only of a mention read as over).
  const stillOver = (): boolean => options.history || !returnedLater(analysis.sentences, place);
  if (toldAsPast(sentence, clause, options) && stillOver()) return 'past';
  if (clearedByAssessment(analysis.sentences, place, options.history) && stillOver()) return 'past';
  // (a passing trouble told as long-standing, "came on over several years and eases when I sit", is asked "is this new?")
  // (one that came back the moment the cause ended, "numb bum on the drive, fine the moment I got out", is over)
  if (!options.history && !isLongStanding(sentence, clause)) {
    const passed = passedWithItsCause(analysis.sentences, place);
    if (passed && stillOver()) return passed === 'at once' ? 'past' : 'uncertain';
  }
  if (!options.history && resolvedLater(analysis.sentences, place) && stillOver()) return 'past';
  // "…both legs ache after two blocks. It's been exactly like that for four years": the sameness
  // may be told in a sentence of its own; a doctor's following, near the mention.
  // A history is a condition: "chronic leukaemia" says how long the illness has lasted, not that the
  // numbness told with it is old (only the symptom's own time can make the flag ask "is this new?").
  if (isLongStanding(sentence, clause)) return options.history ? 'report' : followedByADoctorNear(analysis.sentences, place) ? 'past' : 'long-standing';
  if (!options.history && unchangedLater(analysis.sentences, place)) return followedByADoctorNear(analysis.sentences, place) ? 'past' : 'long-standing';
  if (!options.history && unchangedLaterInItsSentence(analysis.sentences, place) && followedByADoctorNear(analysis.sentences, place)) return 'past';
  return 'report';
}

function toldAsPast(sentence: SentenceInfo, clause: ClauseInfo, options: StatusOptions): boolean {
  if (options.history || options.historyTold === 'clause') return false;
  return options.historyTold === 'sentence' ? isPastInItsOwnWords(sentence, clause) : isPast(sentence, clause);
}
