import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { KnowledgeIndex } from '/work/wt/retrieval/dist/knowledge/retrieval.js';
import { loadKnowledgeBase } from '/work/wt/retrieval/dist/knowledge/load.js';
const kbdir = process.env.KB;
const index = KnowledgeIndex.build(loadKnowledgeBase(kbdir));
const d = parse(readFileSync('/work/wt/retrieval/test/fixtures/faq-eval.dev.yaml','utf8'));
const have = new Set(loadKnowledgeBase(kbdir).topics.map(t=>t.id));
const rows=[];
for (const [tid, qs] of Object.entries(d.topics)) { if (!have.has(tid)) continue; for (const q of qs) rows.push([tid,q]); }
for (const q of d.off_topic) rows.push(['OFF', q]);
for (const [label,q] of rows) {
  const s = index.signals(q);
  const [b, c] = s.ranking;
  const terms = s.terms.map(t => t.term + (t.corrected?'*':'') + ({common:'·',domain:'',unknown:'?'})[s.kinds.get(t.term)]).join(' ');
  const ok = label==='OFF' ? (s.result.outcome==='none') : (s.result.outcome==='answer' && s.result.topicId===label);
  console.log([ok?'ok ':'XX ', label.padEnd(22), s.domainShare.toFixed(2), (b?b.coverage:0).toFixed(2), b&&c?(c.score/b.score).toFixed(2):'----', (b?b.topicId:'-').padEnd(22), s.result.outcome.padEnd(7), JSON.stringify(q), '|', terms].join(' '));
}
