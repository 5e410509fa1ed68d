import { expect } from 'chai';
import { Writable } from 'node:stream';
import type pg from 'pg';
import { createLogger } from '../../config/logger.js';
import { PostgresTurnOrder, turnLockKey } from '../../storage/postgres/postgresTurnOrder.js';
import { useTestSchema } from '../support/postgres.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Two instances (two pools) ordering turns through the database. */
describe('PostgresTurnOrder', () => {
  const schema = useTestSchema();
  let pools: [pg.Pool, pg.Pool];
  let logged: string[];
  let instances: [PostgresTurnOrder, PostgresTurnOrder];
  before(() => {
    pools = [schema().pool({ max: 10 }), schema().pool({ max: 10 })];
  });
  beforeEach(() => {
    logged = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(chunk.toString());
        done();
      },
    });
    const log = createLogger('info', sink);
    instances = [new PostgresTurnOrder(pools[0], log), new PostgresTurnOrder(pools[1], log)];
  });

  it('never runs two turns of one conversation at once, whichever instance each arrives at', async () => {
    let running = 0;
    let mostAtOnce = 0;
    let done = 0;
    const turn = async () => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await sleep(2);
      running -= 1;
      done += 1;
    };
    await Promise.all(Array.from({ length: 30 }, (_, i) => instances[i % 2 as 0 | 1].run('conversation-1', turn)));
    expect(done).to.equal(30);
    expect(mostAtOnce).to.equal(1);
  });

  it('runs turns of different conversations side by side', async () => {
    let release: () => void = () => undefined;
    const held = instances[0].run('conversation-a', () => new Promise<void>((resolve) => (release = resolve)));
    await sleep(50);
    const other = await instances[1].run('conversation-b', async () => 'answered');
    expect(other).to.equal('answered');
    release();
    await held;
  });

  it('passes a turn error on and frees the conversation', async () => {
    let error: unknown;
    await instances[0].run('conversation-e', async () => {
      throw new Error('turn failed');
    }).catch((caught: unknown) => (error = caught));
    expect((error as Error).message).to.equal('turn failed');
    expect(await instances[1].run('conversation-e', async () => 'next turn')).to.equal('next turn');
  });

  it('frees the conversation when the instance holding it loses its connection (dies)', async () => {
    let release: () => void = () => undefined;
    const stuck = instances[0].run('conversation-d', () => new Promise<string>((resolve) => (release = () => resolve('late'))));
    await sleep(50);
    let waitingTurnRan = false;
    const waiting = instances[1].run('conversation-d', async () => {
      waitingTurnRan = true;
    });
    await sleep(200);
    expect(waitingTurnRan).to.equal(false);

    // What the server sees when an instance dies: its connection ends, and the lock with it.
    const key = turnLockKey('conversation-d');
    const holder = await pools[1].query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid::bigint = $1 AND objid::bigint = $2`,
      [(key >> 32n) & 0xffffffffn, key & 0xffffffffn],
    );
    expect(holder.rows).to.have.length(1);
    await pools[1].query('SELECT pg_terminate_backend($1)', [holder.rows[0]?.pid]);
    await waiting;
    expect(waitingTurnRan).to.equal(true);

    release();
    expect(await stuck).to.equal('late');
    expect(logged.join('')).to.include('turn lock connection lost');
  });
});
