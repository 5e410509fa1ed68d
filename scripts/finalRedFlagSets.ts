import { projectPath } from '../config/paths.js';

/**
 * The red-flag hold-out sets: written by helpers that never saw the code, never tuned on, and never
 * the learned backstop's training data. eval:redflags prints only their totals (their misses with
 * --show-final, which ends their use as a measure); backtest:backstop keeps them out of the past
 * it trains on.
 */
export const FINAL_REDFLAG_SETS: readonly { name: string; file: string }[] = [
  // Written on 2026-11-23 (second session); its totals were seen after each later round.
  { name: 'hold-out set 5', file: 'redflags-holdout5.yaml' },
  // Written on 2026-12-06; first run at the end of that session.
  { name: 'hold-out set 6', file: 'redflags-holdout6.yaml' },
  // Written on 2026-12-07; first run before that session's changes.
  { name: 'hold-out set 7', file: 'redflags-holdout7.yaml' },
  // Written at the end of the session of 2026-12-07; first run on its final screener.
  { name: 'hold-out set 8', file: 'redflags-holdout8.yaml' },
  // Written on 2026-12-07 (second session), broad mix; first run before that session's changes.
  { name: 'hold-out set 9', file: 'redflags-holdout9.yaml' },
  // Written at the start of the second session of 2026-12-07 and first run only on its final screener.
  { name: 'hold-out set 10', file: 'redflags-holdout10.yaml' },
  // Written at the start of the session of 2026-12-07 (third); first run before that session's changes.
  { name: 'hold-out set 11', file: 'redflags-holdout11.yaml' },
  // Written at the same time as set 11; to be run only on that session's final screener.
  { name: 'hold-out set 12', file: 'redflags-holdout12.yaml' },
  // Written at the start of the session of 2026-12-07 (fourth), broad mix; first run before that
  // session's changes, on the screener as that session found it (emergencies 99.2%, 125 of 126;
  // urgent 95.2%; left alone 94.6%).
  { name: 'hold-out set 13', file: 'redflags-holdout13.yaml' },
  // Written at the same time as set 13; to be run only on that session's final screener.
  { name: 'hold-out set 14', file: 'redflags-holdout14.yaml' },
  // Written at the start of the session of 2026-12-07 (fifth), broad mix; first run before that
  // session's changes.
  { name: 'hold-out set 15', file: 'redflags-holdout15.yaml' },
  // Written at the same time as set 15; to be run only on that session's final screener.
  { name: 'hold-out set 16', file: 'redflags-holdout16.yaml' },
  // Written at the start of the session of 2026-12-07 (sixth), broad mix; first run before that
  // session's changes, on the screener as that session found it (emergencies 100%, 127 of 127;
  // urgent 100%; left alone 96.7%, 89 of 92; rules alone 92.9% / 95.2% / 97.8%).
  { name: 'hold-out set 17', file: 'redflags-holdout17.yaml' },
  // Written at the same time as set 17; to be run only on that session's final screener.
  { name: 'hold-out set 18', file: 'redflags-holdout18.yaml' },
  // Written at the start of the session of 2026-12-07 (seventh), broad mix; first run before that
  // session's changes, on the screener as that session found it (emergencies 100%, 127 of 127;
  // urgent 96.8%; left alone 91.1%, 82 of 90; rules alone 93.7% / 90.5% / 92.2%).
  { name: 'hold-out set 19', file: 'redflags-holdout19.yaml' },
  // Written at the same time as set 19; first run on that session's final screener (emergencies
  // 99.2%, 127 of 128; urgent 96.8%; left alone 95.6%, 87 of 91; rules alone 93.0% / 88.9% / 95.6%).
  { name: 'hold-out set 20', file: 'redflags-holdout20.yaml' },
  // Written at the start of the session of 2026-12-07 (eighth), broad mix; first run before that
  // session's changes, on the screener as that session found it (emergencies 99.2%, 126 of 127;
  // urgent 98.4%; left alone 97.8%, 89 of 91; rules alone 96.1% / 90.3% / 97.8%).
  { name: 'hold-out set 21', file: 'redflags-holdout21.yaml' },
  // Written at the same time as set 21; first run at the end of that session, one rule fix before
  // its final commit (emergencies 100%, 128 of 128; urgent 96.9%; left alone 94.3%, 83 of 88; rules
  // alone 89.1% / 89.1% / 89.8%); on the final commit the same but 82 of 88 left alone.
  { name: 'hold-out set 22', file: 'redflags-holdout22.yaml' },
  // Written at the start of the session of 2026-12-07 (ninth), broad mix; first run before that
  // session's changes, on the screener as that session found it (emergencies 100%, 126 of 126;
  // urgent 95.2%; left alone 97.8%, 90 of 92; rules alone 96.8% / 91.9% / 94.6%).
  { name: 'hold-out set 23', file: 'redflags-holdout23.yaml' },
  // Written at the same time as set 23; to be run only on that session's final screener.
  { name: 'hold-out set 24', file: 'redflags-holdout24.yaml' },
  // Written at the start of the session of 2026-12-07 (tenth), broad mix; first run before that
  // session's changes, on the screener as that session found it (emergencies 100%, 128 of 128;
  // urgent 98.4%; left alone 96.8%, 91 of 94, and 82 of 94 not asked a question either; rules alone
  // 96.9% / 95.2% / 95.7%).
  { name: 'hold-out set 25', file: 'redflags-holdout25.yaml' },
  // Written at the same time as set 25 and meant for that session's final screener, but first run,
  // by an oversight, in a full eval after its first rule round (emergencies 99.2%, 130 of 131; urgent
  // 96.8%; left alone 98.9%, 93 of 94; rules alone 93.9% / 95.2% / 97.9%); its texts were not read.
  { name: 'hold-out set 26', file: 'redflags-holdout26.yaml' },
  // Written during the session of 2026-12-07 (tenth), after set 26 had been run by an oversight,
  // and kept outside the project until that session's final screener, its first run.
  { name: 'hold-out set 27', file: 'redflags-holdout27.yaml' },
  // Written on 2026-12-08 by a helper that read only the brief, the contract and the seeds, and first
  // run before that session's rule changes, on the screener as it found it (emergencies 99.2%, 130 of
  // 131; urgent 98.5%; level none on 100% of the no-red-flag messages, left alone 96.8%, 91 of 94;
  // rules alone 89.3% / 87.9% / 96.8%); its texts were not read.
  { name: 'hold-out set 28', file: 'redflags-holdout28.yaml' },
  // Written at the same time as set 28 and kept outside the project until that session's final
  // screener (f076306), its first run: emergencies 100%, 128 of 128; urgent 96.9%; level none on
  // 97.9% of the no-red-flag messages, left alone 91.5%, 86 of 94 (2 raised, 6 asked); rules alone
  // 96.1% / 92.3% / 91.5%. Its texts were not read.
  { name: 'hold-out set 29', file: 'redflags-holdout29.yaml' },
].map(({ name, file }) => ({ name: `${name}, final (test/fixtures/${file})`, file: projectPath('test', 'fixtures', file) }));
